package dev.baton.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.text.Language;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.csat.CsatRequests;
import dev.baton.core.handoff.HandoffService;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.callback.CallbackIntake;
import dev.baton.core.store.CsatRequestRepository;
import dev.baton.core.store.InboundLog;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries one stored inbound message through the flow of docs/architecture.md: load the conversation; let the
 * {@link TurnPlanner} decide (silent, answer, hand off); then store the customer message, the replies (outbox), the
 * handoff and the inbound row's DONE mark in <em>one</em> transaction. A crash before that commit leaves the row
 * PENDING and the turn is redone from scratch, so every message ends with exactly one set of replies. What only
 * informs others (the inbox, the model's summary) runs after the commit, in {@link #afterCommit}.
 */
final class TurnProcessor {

    private static final Logger log = LoggerFactory.getLogger(TurnProcessor.class);

    private final Store store;
    private final TurnPlanner planner;
    private final HandoffService handoffs;
    private final HumanInbox inbox;
    private final ConversationEvents events;
    private final EngineSettings settings;
    private final EngineMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReplyWriter replies;
    private final CallbackIntake callbacks;
    private final CsatRequests csat;

    /** @param callbacks takes messages to call back (null: a left message is only a transcript line) */
    TurnProcessor(Store store, TurnPlanner planner, HandoffService handoffs, HumanInbox inbox,
                  ConversationEvents events, EngineSettings settings, EngineMetrics metrics, ObjectMapper json,
                  Clock clock, CallbackIntake callbacks, CsatRequests csat) {
        this.callbacks = callbacks;
        this.csat = csat;
        this.store = store;
        this.planner = planner;
        this.handoffs = handoffs;
        this.inbox = inbox;
        this.events = events;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.replies = new ReplyWriter(store, json);
    }

    /**
     * A turn whose transaction has committed.
     *
     * @param replies how many replies it put in the outbox
     */
    record Committed(TurnContext context, InboundMessage message, Plan plan, HandoffService.Opened opened,
                     int replies, CallbackIntake.Step callback) {
    }

    /**
     * Processes one inbound row unless it is no longer PENDING, and returns the committed turn (empty when there was
     * nothing to do). The caller lets the replies go and whoever waits for them stop waiting, then runs
     * {@link #afterCommit}.
     */
    Optional<Committed> process(long inboundId) {
        Instant started = clock.instant();
        InboundLog.Row row = store.db().withConnection(c -> store.inbound().byId(c, inboundId)).orElse(null);
        if (row == null || row.status() != InboundLog.Status.PENDING) {
            return Optional.empty();
        }
        InboundMessage msg = readPayload(row);
        boolean[] tierChanged = new boolean[1];
        TurnContext ctx = store.db().inTransaction(c -> {
            Customer cu = store.customers().upsert(c, msg.channel(), msg.customerId(), msg.customerName(), started);
            if (msg.tierClaim() != null) {
                Customer claimed = TierClaims.apply(store, c, cu, msg);
                tierChanged[0] = claimed != cu;
                cu = claimed;
            }
            Conversation conv = store.conversations().forCustomer(c, cu.id(), msg.channel(), msg.channelAccount(),
                    started);
            // the history feeds triage and the agent only: a conversation with a human does not need it
            List<Message> history = conv.state().botMaySpeak()
                    ? store.messages().recent(c, conv.id(), settings.historyWindow()) : List.of();
            CsatRequestRepository.Row request = store.csatRequests().pending(c, conv.id())
                    .filter(r -> r.openAt(started)).orElse(null);
            return new TurnContext(cu, conv, history, request);
        });
        if (tierChanged[0]) {
            events.changed(ctx.conversation().id(), ConversationEvents.Kind.STATE);
        }
        String language = Language.following(ctx.customer().language(), written(msg.content()));
        Plan plan = planner.plan(msg, ctx, language);
        int[] count = new int[1];
        CallbackIntake.Step[] callback = new CallbackIntake.Step[1];
        HandoffService.Opened opened;
        try {
            opened = store.db().inTransaction(c -> {
                callback[0] = null;
                // first: it locks the row, and a message another instance answered meanwhile is not answered again
                if (!store.inbound().markDone(c, row.id(), clock.instant())) {
                    throw new AlreadyProcessed();
                }
                return commit(c, row, msg, ctx, plan, language, count, callback);
            });
        } catch (AlreadyProcessed e) {
            log.info("inbound {} was processed elsewhere meanwhile; this turn is dropped", row.id());
            return Optional.empty();
        }
        metrics.turn(Duration.between(started, clock.instant()));
        return Optional.of(new Committed(ctx, msg, plan, opened, count[0], callback[0]));
    }

    /** The message was no longer PENDING when the turn came to commit: the transaction rolls back. */
    private static final class AlreadyProcessed extends RuntimeException {
        AlreadyProcessed() {
            super("inbound message already processed", null, false, false);
        }
    }

    /**
     * What the customer wrote themselves: the language evidence of a message. A button or menu tap carries the
     * business's label ("Talk to a human"), not the customer's words, and an event carries none.
     */
    private static String written(InboundContent content) {
        return content instanceof InboundContent.ButtonTap || content instanceof InboundContent.Event
                || content instanceof InboundContent.ServicerReply || content instanceof InboundContent.Rating ? ""
                : content.text();
    }

    private InboundMessage readPayload(InboundLog.Row row) {
        try {
            return json.readValue(row.payload(), InboundMessage.class);
        } catch (IOException e) {
            throw new IllegalStateException("inbound " + row.id() + " has an unreadable payload", e);
        }
    }

    private HandoffService.Opened commit(Connection c, InboundLog.Row row, InboundMessage msg, TurnContext ctx,
                                         Plan plan, String language, int[] replies, CallbackIntake.Step[] callback)
            throws SQLException {
        Instant now = clock.instant();
        Conversation conv = store.conversations().byId(c, ctx.conversation().id()).orElseThrow();
        boolean customerWrote = !(msg.content() instanceof InboundContent.Event)
                && !(msg.content() instanceof InboundContent.ServicerReply);
        if (customerWrote) {
            // the channel's reply window is open again: agents' replies that waited for it go out first
            store.conversations().touchCustomerMessage(c, conv.id(), now);
            replies[0] += store.outbox().release(c, msg.channel(), msg.customerId(), now);
        }
        if (language != null && !language.equals(ctx.customer().language())) {
            store.customers().updateProfile(c, ctx.customer().id(), null, null, language);
        }
        // Someone (an agent in the inbox) took the conversation while we were thinking: stay silent.
        Plan effective = plan;
        if (!conv.state().botMaySpeak() && !(plan instanceof Plan.Takeover) && !(plan instanceof Plan.Rated)) {
            effective = new Plan.Silent();
        }
        TurnSignals signals = effective instanceof Plan.Reply r ? r.signals()
                : effective instanceof Plan.Handoff h ? h.signals() : null;
        if (effective instanceof Plan.Takeover t) {
            store.messages().append(c, conv.id(), row.id(), Author.HUMAN, t.servicerId(), t.text(), null, null, now);
            takeOver(c, conv, t.servicerId(), now);
            return null;
        }
        Author author = msg.content() instanceof InboundContent.Event ? Author.SYSTEM : Author.CUSTOMER;
        InboundContent read = effective instanceof Plan.Rated rated ? rated.rating() : msg.content();
        store.messages().append(c, conv.id(), row.id(), author, null, TranscriptText.describe(read), null, signals, now);
        if (effective instanceof Plan.Rated rated) {
            replies[0] += rate(c, conv, row.id(), msg, ctx.ratingRequest(), rated.rating(), language, now);
            return null;
        }
        if (ctx.ratingRequest() != null && movesOn(effective)) {
            store.csatRequests().lapse(c, ctx.ratingRequest().id(), now); // a "5" later is about something else
        }
        callback[0] = callbacks == null ? null
                : callbacks.step(c, conv, ctx.customer(), msg.content(), customerWrote, language, now);
        if (callback[0] != null) {
            for (String text : callback[0].replies()) {
                enqueue(c, conv, row.id(), OutboundMessage.Author.SYSTEM, text, null, language, now);
                replies[0]++;
            }
            return null;
        }
        if (effective instanceof Plan.Reply r) {
            for (String text : r.texts()) {
                enqueue(c, conv, row.id(), OutboundMessage.Author.BOT, text, r.citation(), language, now);
                replies[0]++;
            }
            if (r.signals() != null && r.signals().triage().smallTalk() == null) {
                store.conversations().incrementBotTurns(c, conv.id());
            }
            return null;
        }
        if (effective instanceof Plan.Handoff h) {
            HandoffService.Opened opened = handoffs.open(c, conv, ctx.customer(), h.decision(), language,
                    h.signals() == null ? null : h.signals().intentName(), sentimentTrend(c, conv.id()),
                    h.agentNote(), now);
            if (opened != null) {
                for (String told : opened.customerMessages()) {
                    enqueue(c, conv, row.id(), OutboundMessage.Author.SYSTEM, told, null, language, now);
                    replies[0]++;
                }
                if (opened.offHours() && callbacks != null) { // nobody is there: offer to take a message
                    enqueue(c, conv, row.id(), OutboundMessage.Author.SYSTEM, callbacks.offerOffHours(c, conv,
                            ctx.customer(), opened.ticket().group(), language, now), null, language, now);
                    replies[0]++;
                }
            }
            return opened;
        }
        if (conv.state() == ConversationState.QUEUED && customerWrote && stillQueuedDue(c, conv, now)) {
            var ticket = store.tickets().activeFor(c, conv.id());
            int position = ticket.isPresent() ? store.tickets().queuePosition(c, ticket.get().id()) : 0;
            if (position > 0) {
                enqueue(c, conv, row.id(), OutboundMessage.Author.SYSTEM,
                        settings.messages().stillQueued().format(language, Map.of("position", position)), null,
                        language, now);
                replies[0]++;
            }
        }
        return null;
    }

    /**
     * Records a rating against the ticket of the open satisfaction request and thanks the customer; returns the
     * replies queued. A rating with no open request (never asked, expired, answered already: a second tap, a late
     * answer) is kept in the transcript only, so each episode is rated once.
     */
    private int rate(Connection c, Conversation conv, long inboundId, InboundMessage msg,
                     CsatRequestRepository.Row request, InboundContent.Rating rating, String language, Instant now)
            throws SQLException {
        if (request == null || !store.csatRequests().answer(c, request.id(), now)) {
            log.info("conversation {}: a rating with no open satisfaction request (never asked, expired or answered "
                    + "already) is not recorded", conv.id());
            return 0;
        }
        store.ratings().recordFor(c, conv.id(), request.ticketId(), inboundId, msg.channel(), rating.score(),
                rating.comment(), now);
        log.info("conversation {}: rated {}/5 (ticket {})", conv.id(), rating.score(), request.ticketId());
        if (!conv.state().botMaySpeak()) {
            return 0; // a person has the conversation again: they speak, not the bot
        }
        enqueue(c, conv, inboundId, OutboundMessage.Author.SYSTEM, csat.thanks(language), null, language, now);
        return 1;
    }

    /**
     * True when the turn treated the message as something new (a question answered, a handoff), so the satisfaction
     * request lapses; small talk ("thanks!", "👍"), events and unreadable media leave it open.
     */
    private static boolean movesOn(Plan plan) {
        return plan instanceof Plan.Handoff
                || (plan instanceof Plan.Reply r && r.signals() != null && r.signals().triage().smallTalk() == null);
    }

    /** Sentiment scores of the customer's messages in this conversation, oldest first (for the ticket). */
    private List<Double> sentimentTrend(Connection c, long conversationId) throws SQLException {
        List<Double> trend = new java.util.ArrayList<>();
        for (Message m : store.messages().recent(c, conversationId, settings.historyWindow())) {
            if (m.fromCustomer() && m.signals() != null && m.signals().sentimentScore() != null) {
                trend.add(m.signals().sentimentScore());
            }
        }
        return trend;
    }

    /** True when no system update went to this customer within the configured interval. */
    private boolean stillQueuedDue(Connection c, Conversation conv, Instant now) throws SQLException {
        Instant since = now.minus(settings.stillQueuedEvery());
        return store.messages().recent(c, conv.id(), 10).stream()
                .noneMatch(m -> m.author() == Author.SYSTEM && m.createdAt().isAfter(since));
    }

    private void takeOver(Connection c, Conversation conv, String servicerId, Instant now) throws SQLException {
        if (conv.state() == ConversationState.HUMAN) {
            return;
        }
        store.conversations().transition(c, conv.id(), conv.state(), ConversationState.HUMAN, servicerId, null, null,
                now);
        var active = store.tickets().activeFor(c, conv.id());
        if (active.isPresent()) {
            store.tickets().assign(c, active.get().id(), servicerId, now);
            store.tickets().recordHumanReply(c, active.get().id(), now);
        }
    }

    private void enqueue(Connection c, Conversation conv, Long inboundId, OutboundMessage.Author author, String text,
                         String citation, String language, Instant now) throws SQLException {
        replies.enqueue(c, conv, inboundId, author, null, text, citation, language, now);
    }

    private void callbackCommitted(long convId, CallbackIntake.Step step) {
        if (step.opened() == null) {
            return;
        }
        log.info("conversation {}: callback {} left ({}), promised by {}", convId, step.opened().id(),
                step.opened().origin().code(), step.opened().promisedAt());
        events.changed(convId, ConversationEvents.Kind.CALLBACK);
        try {
            if (step.ticketClosed()) {
                events.changed(convId, ConversationEvents.Kind.STATE);
                inbox.closed(convId, "callback");
            }
            inbox.callbackRequested(step.opened());
        } catch (RuntimeException e) {
            log.warn("conversation {}: inbox {} failed on a callback: {}", convId, inbox.kind(), e.toString());
        }
    }

    /** Tells the others what the committed turn did: live views, the inbox, the model's summary of a handoff. */
    void afterCommit(Committed turn) {
        TurnContext ctx = turn.context();
        InboundMessage msg = turn.message();
        Plan plan = turn.plan();
        HandoffService.Opened opened = turn.opened();
        long convId = ctx.conversation().id();
        events.changed(convId, ConversationEvents.Kind.MESSAGE);
        if (turn.callback() != null) {
            callbackCommitted(convId, turn.callback());
        }
        if (opened != null) {
            metrics.handoff(opened.ticket().reasons().get(0).code());
            log.info("conversation {} handed off: reasons={} priority={} group={} ({})", convId,
                    opened.ticket().reasons(), opened.ticket().priority(), opened.ticket().group(),
                    opened.ticket().explanation());
            events.changed(convId, ConversationEvents.Kind.TICKET);
            HandoffTicket ticket = opened.ticket();
            if (opened.offHours()) {
                log.info("conversation {}: group {} is closed; the customer was told when it opens", convId,
                        ticket.group());
            }
            try {
                inbox.open(ticket); // with the quick summary; routed and stored already
            } catch (RuntimeException e) {
                log.warn("conversation {}: inbox {} failed to open ticket {}: {}", convId, inbox.kind(),
                        ticket.id(), e.toString());
            }
            try {
                HandoffTicket refined = handoffs.refine(opened); // the model's summary, when one is configured
                if (refined != ticket) {
                    events.changed(convId, ConversationEvents.Kind.TICKET);
                    inbox.updated(refined);
                }
            } catch (RuntimeException e) {
                log.warn("conversation {}: ticket {} keeps its quick summary: {}", convId, ticket.id(), e.toString());
            }
        } else if (plan instanceof Plan.Silent && !ctx.conversation().state().botMaySpeak()) {
            try {
                inbox.customerMessage(convId, msg.content().text());
            } catch (RuntimeException e) {
                log.warn("conversation {}: inbox {} failed on a customer message: {}", convId, inbox.kind(),
                        e.toString());
            }
        } else if (plan instanceof Plan.Takeover) {
            log.info("conversation {} taken over by a human on the platform", convId);
            events.changed(convId, ConversationEvents.Kind.STATE);
        }
    }
}
