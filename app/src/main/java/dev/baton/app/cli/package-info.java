/** The {@code baton} command line: serve, chat, index, ask and eval. */
package dev.baton.app.cli;
