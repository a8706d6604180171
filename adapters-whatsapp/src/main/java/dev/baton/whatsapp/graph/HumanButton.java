package dev.baton.whatsapp.graph;

/**
 * The "talk to a human" reply button. The sender attaches it with the fixed {@link #ID}; the webhook recognises a tap
 * on it by that id and reports {@code ButtonTap(requestsHuman = true)}, so the engine hands off with reason
 * {@code button}.
 */
public final class HumanButton {

    /** The reply id WhatsApp echoes back in {@code interactive.button_reply.id} when the button is tapped. */
    public static final String ID = "baton_human";

    private HumanButton() {
    }
}
