package dev.baton.core.handoff;

/**
 * Told when a human hands a conversation back to the bot, so that the bot's memory records that a person handled
 * those turns (the LLM agent writes a marker into its chat memory; the offline agent needs nothing).
 */
@FunctionalInterface
public interface Handback {

    void humanHandled(long conversationId, String note);
}
