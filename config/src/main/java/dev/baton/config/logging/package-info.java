/** Logging set-up: the layout that keeps configured secrets and bearer tokens out of every log line. */
package dev.baton.config.logging;
