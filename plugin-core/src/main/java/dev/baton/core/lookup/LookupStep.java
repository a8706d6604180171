package dev.baton.core.lookup;

import dev.baton.core.conversation.LookupTrace;

/** What the offline look-up logic decided for a turn: what the bot says, or that a person takes over. */
public sealed interface LookupStep {

    /** What to store with the customer's message. */
    LookupTrace trace();

    /** A parameter is missing: ask for it. */
    record Ask(String text, LookupTrace trace) implements LookupStep {
    }

    /** The look-up answered (found, not found) or failed with {@code on-error: apologise}: send the text. */
    record Answer(String text, LookupTrace trace) implements LookupStep {
    }

    /** The look-up failed and hands off on error ({@code lookup_failed}). */
    record HandOff(String detail, LookupTrace trace) implements LookupStep {
    }
}
