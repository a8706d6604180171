package dev.baton.core.handoff.routing;

import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.handoff.callback.CallbackIntake;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue-timeout fallback: a scheduled check finds open (unclaimed) tickets older than the timeout and tells
 * each customer once how to leave a message or ask for a call back; with a {@link CallbackIntake} the customer's
 * next messages are read for their contact details, and the message they leave becomes a callback. Until then the
 * ticket stays in the queue, marked, so an agent still sees it. The "already told" mark is kept in the key-value store ({@code queue-timeout/<id>}).
 */
public final class QueueTimeouts implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(QueueTimeouts.class);

    /** Built-in texts for {@code timeout-fallback: leave-message}; {@code {by}} is the promised time. */
    public static final Localized LEAVE_MESSAGE = Localized.of(
            "抱歉让您久等了，人工客服暂时都在忙。您可以直接在这里留言：留下您的电话或邮箱和问题，我们会在 {by} 前联系您；"
                    + "也可以继续排队等待。",
            "Sorry for the wait: all our agents are still busy. Leave a message here with your phone number or email "
                    + "and your question, and we will get back to you by {by}; or keep waiting in the queue.");

    /** Built-in texts for {@code timeout-fallback: callback}; {@code {by}} is the promised time. */
    public static final Localized CALLBACK = Localized.of(
            "抱歉让您久等了。如需电话回访，请留下您的手机号码和问题，我们会在 {by} 前给您回电；也可以继续排队等待。",
            "Sorry for the wait. If you would like a call back, reply with your phone number and your question, and "
                    + "an agent will call you by {by}; or keep waiting in the queue.");

    private final Store store;
    private final ReplyWriter replies;
    private final KeyValueStore marks;
    private final Duration timeout;
    private final Localized message;
    private final ConversationEvents events;
    private final Runnable wakeOutbox;
    private final Clock clock;
    private final CallbackIntake callbacks;

    /** Without taking messages: the fallback is only a text ({@code {by}} is left as written). */
    public QueueTimeouts(Store store, ReplyWriter replies, KeyValueStore marks, Duration timeout, Localized message,
                         ConversationEvents events, Runnable wakeOutbox, Clock clock) {
        this(store, replies, marks, timeout, message, events, wakeOutbox, clock, null);
    }

    /**
     * @param callbacks takes the message the fallback asks for: the customer's next plain messages are read for
     *                  contact details ({@link CallbackIntake}), and {@code {by}} is the promised time
     */
    public QueueTimeouts(Store store, ReplyWriter replies, KeyValueStore marks, Duration timeout, Localized message,
                         ConversationEvents events, Runnable wakeOutbox, Clock clock, CallbackIntake callbacks) {
        this.callbacks = callbacks;
        this.store = store;
        this.replies = replies;
        this.marks = marks;
        this.timeout = timeout;
        this.message = message;
        this.events = events;
        this.wakeOutbox = wakeOutbox;
        this.clock = clock;
    }

    /** True when the ticket already got its fallback message. */
    public boolean timedOut(long ticketId) {
        return marks.get(key(ticketId)).isPresent();
    }

    @Override
    public void run() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("queue timeout check failed: {}", e.toString());
        }
    }

    /** Sends the fallback to every overdue ticket; returns the conversations told. */
    public List<Long> check() {
        if (timeout.isZero() || timeout.isNegative()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<TicketRepository.Row> overdue = store.db().withConnection(c -> store.tickets().active(c)).stream()
                .filter(t -> t.status() == TicketRepository.Status.OPEN)
                .filter(t -> !t.createdAt().plus(timeout).isAfter(now))
                .filter(t -> !timedOut(t.id()))
                .toList();
        List<Long> told = new ArrayList<>();
        for (TicketRepository.Row t : overdue) {
            boolean sent = store.db().inTransaction(c -> {
                Conversation conv = store.conversations().byId(c, t.conversationId()).orElseThrow();
                if (conv.state() != ConversationState.QUEUED) {
                    return false;
                }
                Customer customer = store.customers().byId(c, conv.customerId()).orElseThrow();
                String lang = customer.language();
                String text = callbacks == null ? message.in(lang) : callbacks.offer(c, conv, customer, t.group(),
                        CallbackRepository.Origin.QUEUE_TIMEOUT, message, lang, now);
                replies.enqueue(c, conv, null, OutboundMessage.Author.SYSTEM, null, text, null, lang, now);
                return true;
            });
            marks.put(key(t.id()), now.toString());
            if (sent) {
                told.add(t.conversationId());
                log.info("conversation {}: ticket {} queued longer than {}; fallback offered", t.conversationId(),
                        t.id(), timeout);
                events.changed(t.conversationId(), ConversationEvents.Kind.MESSAGE);
            }
        }
        if (!told.isEmpty()) {
            wakeOutbox.run();
        }
        return told;
    }

    private static String key(long ticketId) {
        return "queue-timeout/" + ticketId;
    }
}
