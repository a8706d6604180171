package dev.baton.inbox.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts the customers' messages into <b>contacts</b> and says which the bot contained. A conversation is one per
 * customer for ever, so it cannot be the unit: a contact is a run of one customer's messages with no silence longer
 * than {@link #GAP} between two of them.
 *
 * <p>A contact is <b>handled by a person</b> when a ticket of its conversation was open at some moment between its
 * first message and {@link #RETURN} after its last (or the customer's next contact, if sooner): a handoff, a
 * takeover, or a person still working an earlier one. It <b>returned</b> when the customer's next contact starts within {@link #RETURN} of its last
 * message (the bot's answer did not settle it). It is <b>contained</b> when neither, once {@link #RETURN} has passed
 * since its last message; before that it is <b>pending</b>, and left out of the rate.
 *
 * <p>Fed with the messages of each conversation in time order ({@link Facts#customerMessages}); only one
 * conversation's messages are held at a time.
 */
final class Contacts implements Consumer<Facts.CustomerMessage> {

    /** The longest silence inside one contact. */
    static final Duration GAP = Duration.ofMinutes(30);
    /** A customer who comes back within this after a contact was not settled by it. */
    static final Duration RETURN = Duration.ofHours(24);

    /** One contact and what became of it. */
    record Contact(long conversationId, String channel, Instant start, Instant last, boolean handled,
                   boolean returned, boolean pending) {

        boolean contained() {
            return !handled && !returned && !pending;
        }
    }

    private final Map<Long, List<Facts.Ticket>> ticketsByConversation;
    private final Instant now;
    private final List<Contact> contacts = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private long conversation = -1;
    private String channel;

    /**
     * @param ticketsByConversation the tickets open at some moment of the messages' window, by conversation
     * @param now                   the present: a contact whose last message is less than {@link #RETURN} ago is
     *                              pending
     */
    Contacts(Map<Long, List<Facts.Ticket>> ticketsByConversation, Instant now) {
        this.ticketsByConversation = ticketsByConversation;
        this.now = now;
    }

    @Override
    public void accept(Facts.CustomerMessage m) {
        if (m.conversationId() != conversation) {
            flush();
            conversation = m.conversationId();
            channel = m.channel();
        }
        times.add(m.at());
    }

    /** Every contact seen, in conversation then time order. */
    List<Contact> contacts() {
        flush();
        return contacts;
    }

    private void flush() {
        if (times.isEmpty()) {
            return;
        }
        List<Instant[]> runs = new ArrayList<>();
        Instant start = times.get(0);
        Instant last = start;
        for (Instant t : times.subList(1, times.size())) {
            if (Duration.between(last, t).compareTo(GAP) > 0) {
                runs.add(new Instant[] {start, last});
                start = t;
            }
            last = t;
        }
        runs.add(new Instant[] {start, last});
        List<Facts.Ticket> tickets = ticketsByConversation.getOrDefault(conversation, List.of());
        for (int i = 0; i < runs.size(); i++) {
            Instant first = runs.get(i)[0];
            Instant end = runs.get(i)[1];
            Instant next = i + 1 < runs.size() ? runs.get(i + 1)[0] : null;
            Instant until = earliest(end.plus(RETURN), next, now);
            Instant to = until.isAfter(first) ? until : first.plusMillis(1);
            boolean handled = tickets.stream().anyMatch(t -> t.openDuring(first, to));
            boolean returned = next != null && Duration.between(end, next).compareTo(RETURN) <= 0;
            boolean pending = !handled && !returned && end.plus(RETURN).isAfter(now);
            contacts.add(new Contact(conversation, channel, first, end, handled, returned, pending));
        }
        times.clear();
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant m = a;
        for (Instant x : new Instant[] {b, c}) {
            if (x != null && x.isBefore(m)) {
                m = x;
            }
        }
        return m;
    }
}
