package dev.baton.core.conversation;

/** Who is answering: the bot, nobody yet (queued for a human), or a human. The bot speaks only in {@link #BOT}. */
public enum ConversationState {
    BOT, QUEUED, HUMAN;

    public boolean botMaySpeak() {
        return this == BOT;
    }
}
