package dev.baton.core.handoff;

import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.csat.CsatRequests;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What human agents do, whichever inbox they use (the built-in one, or a helpdesk through the REST API): claim,
 * assign, transfer, reply, resolve. Replies leave through the customer's channel via the outbox; a reply to a
 * conversation the bot is handling takes it over (a ticket held by the agent). Resolving hands the conversation back
 * to the bot with a marker in its memory.
 */
public final class HumanDesk {

    private static final Logger log = LoggerFactory.getLogger(HumanDesk.class);

    /** Why an action was refused: the caller maps these to 404 / 409. */
    public static final class Refused extends RuntimeException {
        private final boolean notFound;

        Refused(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    private final Store store;
    private final ReplyWriter replies;
    private final HandoffService handoffs;
    private final Handback handback;
    private final HumanInbox inbox;
    private final ConversationEvents events;
    private final HandoffMetrics metrics;
    private final Localized backToBot;
    private final Runnable wakeOutbox;
    private final Clock clock;
    private final CsatRequests csat;

    /** @param csat asks the customer for a rating when an agent resolves an episode in which they wrote */
    public HumanDesk(Store store, ReplyWriter replies, HandoffService handoffs, Handback handback, HumanInbox inbox,
                     ConversationEvents events, HandoffMetrics metrics, Localized backToBot, Runnable wakeOutbox,
                     Clock clock, CsatRequests csat) {
        this.csat = csat;
        this.store = store;
        this.replies = replies;
        this.handoffs = handoffs;
        this.metrics = metrics;
        this.handback = handback;
        this.inbox = inbox;
        this.events = events;
        this.backToBot = backToBot;
        this.wakeOutbox = wakeOutbox;
        this.clock = clock;
    }

    /** The agent takes the conversation of an open ticket. Refused if another agent has it. */
    public void claim(long ticketId, String agentName) {
        claim(ticketId, agentName, Integer.MAX_VALUE);
    }

    /**
     * The agent takes the conversation of an open ticket, unless another agent has it or the agent already holds
     * {@code capacity} unresolved tickets. Both are decided inside the claim's transaction: the ticket changes hands
     * with a conditional update, and the agent's load is counted under a lock on the agent, so that concurrent claims
     * (two agents on one ticket, or one agent in two tabs, on one instance or several) never give a ticket to two
     * agents or an agent more than their capacity.
     *
     * @param capacity the most tickets the agent may hold; {@link Integer#MAX_VALUE} for no limit
     */
    public void claim(long ticketId, String agentName, int capacity) {
        assign(ticketId, agentName, false, capacity);
    }

    /** A supervisor gives the ticket to an agent (even if someone else has it). */
    public void assignTo(long ticketId, String agentName) {
        assign(ticketId, agentName, true, Integer.MAX_VALUE);
    }

    private void assign(long ticketId, String agentName, boolean override, int capacity) {
        long convId = store.db().inTransaction(c -> {
            TicketRepository.Row t = ticket(c, ticketId);
            if (!override && t.assignee() != null && !t.assignee().equals(agentName)) {
                throw new Refused("ticket " + ticketId + " is already with " + t.assignee(), false);
            }
            if (override) {
                store.tickets().assign(c, ticketId, agentName, clock.instant());
            } else {
                claimWithin(c, ticketId, agentName, capacity);
            }
            Conversation conv = store.conversations().byId(c, t.conversationId()).orElseThrow();
            store.conversations().transition(c, conv.id(), conv.state(), ConversationState.HUMAN, agentName, null,
                    null, clock.instant());
            return conv.id();
        });
        log.info("conversation {}: ticket {} assigned to an agent", convId, ticketId);
        events.changed(convId, ConversationEvents.Kind.STATE);
    }

    /** Sends the ticket back to the queue of another group. */
    public void transfer(long ticketId, String group) {
        long convId = store.db().inTransaction(c -> {
            TicketRepository.Row t = ticket(c, ticketId);
            store.tickets().transferToGroup(c, ticketId, group);
            Conversation conv = store.conversations().byId(c, t.conversationId()).orElseThrow();
            store.conversations().transition(c, conv.id(), conv.state(), ConversationState.QUEUED, null, group, null,
                    clock.instant());
            return conv.id();
        });
        log.info("conversation {}: ticket {} transferred to group {}", convId, ticketId, group);
        events.changed(convId, ConversationEvents.Kind.STATE);
    }

    /**
     * What a human reply did.
     *
     * @param outboxId  the reply's outbox row
     * @param takenOver the ticket the reply opened because the bot had the conversation, else null
     */
    public record Sent(long outboxId, HandoffTicket takenOver) {
    }

    /** A human reply; see {@link #reply(long, String, String, String)} (a takeover ticket goes to group default). */
    public long reply(long conversationId, String agentName, String text) {
        return reply(conversationId, agentName, text, null).outboxId();
    }

    /**
     * A human reply to the customer. A queued conversation is claimed by the replying agent. A conversation without
     * an active ticket (the bot is handling it) is taken over in the same transaction: a ticket held by the agent is
     * opened in {@code takeoverGroup} (reason {@code agent_takeover}) and the conversation goes HUMAN, so it is in the
     * agent's work, the customer's next messages reach them (the bot stays silent), and resolving it hands the
     * conversation back to the bot. There is never a HUMAN conversation without a ticket.
     */
    public Sent reply(long conversationId, String agentName, String text, String takeoverGroup) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("reply text is empty");
        }
        Sent sent = store.db().inTransaction(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> new Refused("no conversation " + conversationId, true));
            Instant now = clock.instant();
            Optional<TicketRepository.Row> ticket = store.tickets().activeFor(c, conversationId);
            HandoffTicket opened = null;
            long ticketId;
            if (ticket.isEmpty()) {
                Customer customer = store.customers().byId(c, conv.customerId()).orElseThrow();
                opened = handoffs.takeOver(c, conv, customer, agentName, takeoverGroup, now);
                if (opened == null) {
                    throw new Refused("conversation " + conversationId + " changed meanwhile; reload and try again",
                            false);
                }
                ticketId = opened.id();
            } else {
                if (conv.state() != ConversationState.HUMAN) {
                    store.conversations().transition(c, conv.id(), conv.state(), ConversationState.HUMAN, agentName,
                            null, null, now);
                }
                ticketId = ticket.get().id();
                store.tickets().assign(c, ticketId, agentName, now);
            }
            store.tickets().recordHumanReply(c, ticketId, now);
            return new Sent(replies.enqueue(c, conv, null, OutboundMessage.Author.HUMAN, agentName, text.strip(), null,
                    null, now), opened);
        });
        if (sent.takenOver() != null) {
            metrics.opened(HandoffReason.AGENT_TAKEOVER);
            log.info("conversation {} taken over from the bot by an agent: ticket {}, group {}", conversationId,
                    sent.takenOver().id(), sent.takenOver().group());
            events.changed(conversationId, ConversationEvents.Kind.TICKET);
        }
        events.changed(conversationId, ConversationEvents.Kind.MESSAGE);
        wakeOutbox.run();
        return sent;
    }

    /**
     * Ends the human episode: the ticket is resolved ({@code resolution}: resolved, returned), the conversation goes
     * back to the bot, the customer is told, and the bot's memory gets a marker that a human handled these turns.
     * When {@code agentName} wrote to the customer in this episode, the customer is asked once for a rating
     * ({@link CsatRequests}); {@code agentName} null means Baton closed it itself, which is never followed by one.
     */
    public void resolve(long conversationId, String agentName, String note, String resolution) {
        CsatRequests.Outcome[] asked = new CsatRequests.Outcome[1];
        String language = store.db().inTransaction(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> new Refused("no conversation " + conversationId, true));
            if (conv.state() == ConversationState.BOT) {
                throw new Refused("conversation " + conversationId + " is already with the bot", false);
            }
            Instant now = clock.instant();
            Optional<TicketRepository.Row> ticket = store.tickets().activeFor(c, conversationId);
            if (ticket.isPresent()) {
                store.tickets().resolve(c, ticket.get().id(), resolution, note, now);
            }
            store.conversations().returnToBot(c, conversationId, now);
            String lang = store.customers().byId(c, conv.customerId()).map(cu -> cu.language()).orElse(null);
            replies.enqueue(c, conv, null, OutboundMessage.Author.SYSTEM, null, backToBot.in(lang), null, lang, now);
            if (ticket.isPresent()) {
                asked[0] = csat.afterResolve(c, conv, ticket.get(), agentName, lang, now);
            }
            return lang == null ? "" : lang;
        });
        handback.humanHandled(conversationId, note == null ? "" : note);
        try {
            inbox.closed(conversationId, note);
        } catch (RuntimeException e) {
            log.warn("conversation {}: inbox {} failed on close: {}", conversationId, inbox.kind(), e.toString());
        }
        log.info("conversation {} back to the bot ({}) by an agent, language {}", conversationId, resolution,
                language);
        if (asked[0] != null) {
            log.info("conversation {}: satisfaction request {}", conversationId,
                    asked[0] == CsatRequests.Outcome.ASKED ? "sent" : "not sent: " + asked[0].why());
        }
        events.changed(conversationId, ConversationEvents.Kind.STATE);
        wakeOutbox.run();
    }

    private void claimWithin(java.sql.Connection c, long ticketId, String agentName, int capacity)
            throws java.sql.SQLException {
        if (capacity < Integer.MAX_VALUE) {
            store.tickets().lockAgent(c, agentName);
            long load = store.tickets().load(c, agentName, ticketId);
            if (load >= capacity) {
                throw new Refused("you already hold " + load + " conversations (capacity " + capacity + ")", false);
            }
        }
        if (!store.tickets().claim(c, ticketId, agentName, clock.instant())) {
            TicketRepository.Row now = ticket(c, ticketId);
            throw new Refused("ticket " + ticketId + " is already with " + now.assignee(), false);
        }
    }

    private TicketRepository.Row ticket(java.sql.Connection c, long ticketId) throws java.sql.SQLException {
        TicketRepository.Row t = store.tickets().byId(c, ticketId)
                .orElseThrow(() -> new Refused("no ticket " + ticketId, true));
        if (t.status() == TicketRepository.Status.RESOLVED) {
            throw new Refused("ticket " + ticketId + " is already resolved", false);
        }
        return t;
    }
}
