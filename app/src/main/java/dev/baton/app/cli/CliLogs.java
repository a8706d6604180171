package dev.baton.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels for the commands that print their own results ({@code ask}, {@code index}, {@code chat}): the server's
 * INFO lines would repeat what the command prints, so only warnings and errors reach the terminal.
 */
final class CliLogs {

    private CliLogs() {
    }

    /** Warnings and errors only. */
    static void quiet() {
        level(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
    }

    /** Sets one logger's level (e.g. errors only for a class whose warnings the command prints itself). */
    static void level(String logger, Level level) {
        if (LoggerFactory.getLogger(logger) instanceof Logger l) {
            l.setLevel(level);
        }
    }
}
