/** The composition root: the {@code baton} CLI, the HTTP server, config loading and the wiring of every module. */
package dev.baton.app;
