package dev.baton.app.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * The terminal of {@code baton chat}, shared by the thread that reads the customer's lines (and sends them) and the
 * thread that polls for replies arriving later (a human agent's). The prompt {@code you> } is on screen only while
 * the reader waits for a line, and exactly once: a reply the poller shows while the reader is busy sending goes on
 * its own lines without a prompt (the reader prints the next one), and a reply shown while the prompt is up breaks
 * the prompt's line and puts the prompt back.
 */
final class ChatConsole {

    static final String PROMPT = "you> ";

    private final PrintStream out;
    private boolean prompting;

    ChatConsole(PrintStream out) {
        this.out = out;
    }

    /** Shows the prompt before waiting for the customer's next line. */
    synchronized void prompt() {
        if (!prompting) {
            out.print(PROMPT);
            out.flush();
            prompting = true;
        }
    }

    /** The customer entered a line: the terminal has moved to the next line, the prompt is gone. */
    synchronized void lineEntered() {
        prompting = false;
    }

    /** Shows lines from either thread, keeping the prompt in place when one is up. */
    synchronized void show(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (prompting) {
            out.println();
        }
        lines.forEach(out::println);
        if (prompting) {
            out.print(PROMPT);
        }
        out.flush();
    }

    /** As {@link #show(List)} for one line. */
    void show(String line) {
        show(List.of(line));
    }
}
