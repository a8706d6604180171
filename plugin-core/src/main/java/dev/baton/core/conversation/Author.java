package dev.baton.core.conversation;

/** Who wrote a transcript line. */
public enum Author {
    CUSTOMER, BOT, HUMAN, SYSTEM;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
