package dev.baton.core.handoff.callback;

import dev.baton.core.channel.InboundContent;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.handoff.routing.BusinessHours;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Takes a message to call back (留言) inside the turn's transaction, on any channel, from plain messages: when the bot
 * offers it ({@link #offer}: off hours, or a queue time-out) a COLLECTING callback is opened, and the customer's next
 * messages are read for a phone number or an email ({@link ContactDetails}); the rest of what they write is the
 * question. Once there is a contact the callback is OPEN with its promised time, the customer is told, and a ticket
 * still waiting in the queue is closed ({@code callback}): the customer is no longer waiting in the chat, and the
 * conversation goes back to the bot. A form ({@link InboundContent.CallbackRequest}) does the same in one step.
 *
 * <p>A customer who just keeps chatting is reminded once; after {@value #MAX_MESSAGES} messages without a contact,
 * after {@link #COLLECT_FOR}, when they decline ("不用了", "no thanks") or when an agent claims the conversation, the
 * collection is dropped and nothing else changes: they keep their place in the queue and their words are in the
 * transcript for the agent.
 */
public final class CallbackIntake {

    /** Customer messages without a contact before the bot stops collecting. */
    public static final int MAX_MESSAGES = 3;

    /** How long the bot keeps collecting after it asked. */
    public static final Duration COLLECT_FOR = Duration.ofHours(1);

    /** The reminder after a first message without a contact. */
    public static final Localized REMINDER = Localized.of(
            "请再留下您的电话或邮箱，方便我们联系您；不需要的话，继续等待人工客服即可。",
            "Please add a phone number or email so we can reach you, or just keep waiting for an agent.");

    private static final Pattern DECLINES = Pattern.compile(
            "^\\s*(不用了?|不需要|算了|不留了?|no thanks?|no,? thank you|no need|nope|i'?ll wait)[\\s!.。！,，]*$",
            Pattern.CASE_INSENSITIVE);

    /**
     * What a message did to a callback.
     *
     * @param replies      what the bot tells the customer
     * @param opened       the callback that became OPEN with this message, or null
     * @param ticketClosed true when the queued ticket was closed for it (the conversation is the bot's again)
     */
    public record Step(List<String> replies, CallbackRepository.Row opened, boolean ticketClosed) {
        public Step {
            replies = List.copyOf(replies);
        }
    }

    private final Store store;
    private final Routing routing;
    private final CallbackConfig config;
    private final CallbackRepository callbacks = new CallbackRepository();

    public CallbackIntake(Store store, Routing routing, CallbackConfig config) {
        this.store = store;
        this.routing = routing;
        this.config = config;
    }

    /**
     * The bot offers to take a message: starts collecting (once per conversation) and returns the text to send,
     * {@code template} with {@code {by}} filled in.
     */
    public String offer(Connection c, Conversation conv, Customer customer, String group,
                        CallbackRepository.Origin origin, Localized template, String language, Instant now)
            throws SQLException {
        Optional<CallbackRepository.Row> collecting = callbacks.collecting(c, conv.id());
        if (collecting.isPresent() && collecting.get().createdAt().plus(COLLECT_FOR).isBefore(now)) {
            callbacks.drop(c, collecting.get().id(), now); // an offer nobody took up long ago: this one counts
            collecting = Optional.empty();
        }
        if (collecting.isEmpty()) {
            callbacks.startCollecting(c, conv.id(), origin, group, customer.displayName(), language, now);
        }
        return template.format(language, Map.of("by", by(group, language, now)));
    }

    /** The built-in or configured question for the contact details, off hours, with {@code {by}} filled in. */
    public String offerOffHours(Connection c, Conversation conv, Customer customer, String group, String language,
                                Instant now) throws SQLException {
        return offer(c, conv, customer, group, CallbackRepository.Origin.OFF_HOURS, config.ask(), language, now);
    }

    /**
     * A turn's left message: a form becomes a callback at once; a plain message the customer wrote is read for
     * contact details while the bot collects them (after it offered to take a message). Null when the turn goes on
     * as usual.
     */
    public Step step(Connection c, Conversation conv, Customer customer, InboundContent content,
                     boolean customerWrote, String language, Instant now) throws SQLException {
        if (content instanceof InboundContent.CallbackRequest form) {
            return requested(c, conv, customer, form, language, now);
        }
        if (!customerWrote || content.text().isBlank()) {
            return null;
        }
        return take(c, conv, customer, content.text(), language, now).orElse(null);
    }

    /**
     * A customer message while a callback is being collected; empty when none is (or it just lapsed), and the turn
     * goes on as usual.
     */
    public Optional<Step> take(Connection c, Conversation conv, Customer customer, String text, String language,
                               Instant now) throws SQLException {
        Optional<CallbackRepository.Row> open = callbacks.collecting(c, conv.id());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        CallbackRepository.Row row = open.get();
        if (conv.state() != ConversationState.QUEUED || row.createdAt().plus(COLLECT_FOR).isBefore(now)
                || DECLINES.matcher(text == null ? "" : text).matches()) {
            callbacks.drop(c, row.id(), now);
            return Optional.empty();
        }
        ContactDetails.Found found = ContactDetails.find(text);
        String question = join(row.question(), found.rest());
        if (found.hasContact()) {
            return Optional.of(open(c, conv, row.id(), row.group(), found.contact(), question, language, now));
        }
        if (row.asked() + 1 >= MAX_MESSAGES) {
            callbacks.drop(c, row.id(), now);
            return Optional.empty();
        }
        callbacks.collected(c, row.id(), question);
        return Optional.of(new Step(row.asked() == 0 ? List.of(REMINDER.in(language)) : List.of(), null, false));
    }

    /** A form: an OPEN callback at once (a collection under way is replaced by it). */
    public Step requested(Connection c, Conversation conv, Customer customer, InboundContent.CallbackRequest form,
                          String language, Instant now) throws SQLException {
        Optional<CallbackRepository.Row> collecting = callbacks.collecting(c, conv.id());
        if (collecting.isPresent()) {
            callbacks.drop(c, collecting.get().id(), now);
        }
        String group = groupOf(c, conv, customer, language);
        String name = form.name() != null && !form.name().isBlank() ? form.name().strip() : customer.displayName();
        long id = callbacks.insertOpen(c, conv.id(), CallbackRepository.Origin.FORM, group, name,
                form.contact().strip(), form.question() == null ? null : form.question().strip(), language,
                promise(group, now), now);
        return confirm(c, conv, callbacks.byId(c, id).orElseThrow(), language, now);
    }

    /** When a callback asked for at {@code from} is promised: {@code within} of the group's business hours later. */
    public Instant promise(String group, Instant from) {
        BusinessHours hours = routing.hours(group);
        Instant t = from;
        long minutes = Math.max(1, config.within().toMinutes());
        for (int guard = 0; minutes > 0 && guard < 200_000; guard++) {
            if (!hours.isOpen(t)) {
                Optional<Instant> next = hours.nextOpening(t).map(z -> z.toInstant());
                if (next.isEmpty()) {
                    return from.plus(config.within()); // never open in the next 60 days: promise plain time
                }
                t = next.get();
                continue;
            }
            t = t.plus(Duration.ofMinutes(1));
            minutes--;
        }
        return t;
    }

    private Step open(Connection c, Conversation conv, long id, String group, String contact, String question,
                      String language, Instant now) throws SQLException {
        String q = question.isBlank() ? store.tickets().activeFor(c, conv.id()).map(TicketRepository.Row::summary)
                .orElse("") : question;
        callbacks.complete(c, id, contact, q, promise(group, now), now);
        return confirm(c, conv, callbacks.byId(c, id).orElseThrow(), language, now);
    }

    /** Tells the customer, and closes the ticket they were queued with: the callback replaces it. */
    private Step confirm(Connection c, Conversation conv, CallbackRepository.Row row, String language, Instant now)
            throws SQLException {
        if (conv.state() == ConversationState.HUMAN) {
            return new Step(List.of(), row, false); // an agent is in the chat: they see the form in the transcript
        }
        boolean closed = false;
        if (conv.state() == ConversationState.QUEUED) {
            Optional<TicketRepository.Row> ticket = store.tickets().activeFor(c, conv.id());
            if (ticket.isPresent() && ticket.get().status() == TicketRepository.Status.OPEN) {
                store.tickets().resolve(c, ticket.get().id(), "callback", "callback " + row.id() + " by "
                        + row.promisedAt(), now);
                store.conversations().returnToBot(c, conv.id(), now);
                closed = true;
            }
        }
        String text = config.confirmed().format(language, Map.of("by", describe(row.group(), row.promisedAt(),
                language), "contact", row.contact()));
        return new Step(List.of(text), row, closed);
    }

    private String groupOf(Connection c, Conversation conv, Customer customer, String language) throws SQLException {
        Optional<TicketRepository.Row> t = store.tickets().activeFor(c, conv.id());
        if (t.isPresent()) {
            return t.get().group();
        }
        return routing.route(conv.group(), null, customer.tier(), language);
    }

    private String by(String group, String language, Instant now) {
        return describe(group, promise(group, now), language);
    }

    private String describe(String group, Instant at, String language) {
        return Routing.describe(at.atZone(routing.hours(group).zone()), language);
    }

    private static String join(String before, String more) {
        if (more == null || more.isBlank()) {
            return before == null ? "" : before;
        }
        return before == null || before.isBlank() ? more.strip() : before + "\n" + more.strip();
    }
}
