package dev.baton.core.handoff;


import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.CallbackRepository;
/**
 * Where handed-off conversations go: Baton's built-in inbox, a helpdesk reached by webhook, or the platform's own
 * servicer system (WeCom 微信客服 {@code service_state/trans}).
 */
public interface HumanInbox {

    /** The config name of this inbox ({@code builtin}, {@code webhook}, {@code wecom-kf}). */
    String kind();

    /** A new handoff. Must not throw for a delivery problem it can retry itself; it logs and retries. */
    void open(HandoffTicket ticket);

    /**
     * The ticket changed after {@link #open}: the model's summary replaced the quick one written at the handoff.
     * Same ticket id; the built-in inbox reads tickets from the store and needs nothing here.
     */
    default void updated(HandoffTicket ticket) {
    }

    /** The customer wrote while the conversation is queued or with a human. */
    default void customerMessage(long conversationId, String text) {
    }

    /** The conversation went back to the bot (resolved or returned). */
    default void closed(long conversationId, String note) {
    }

    /** A customer left their contact details and question to be called back (an OPEN callback). */
    default void callbackRequested(CallbackRepository.Row callback) {
    }
}
