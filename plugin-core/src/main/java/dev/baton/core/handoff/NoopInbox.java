package dev.baton.core.handoff;


import dev.baton.core.conversation.HandoffTicket;
/**
 * The built-in inbox needs no push: its tickets are in the store and its pages read them live. This is the
 * {@link HumanInbox} used with {@code inbox.kind: builtin}.
 */
public final class NoopInbox implements HumanInbox {

    @Override
    public String kind() {
        return "builtin";
    }

    @Override
    public void open(HandoffTicket ticket) {
        // tickets are read from the store by the built-in inbox
    }
}
