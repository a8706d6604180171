package dev.baton.core.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.agent.AgentReply;
import dev.baton.core.agent.AgentRequest;
import dev.baton.core.agent.SupportAgent;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.handoff.HandoffPlan;
import dev.baton.core.handoff.HandoffReason;
import dev.baton.core.handoff.HandoffService;
import dev.baton.core.handoff.HandoffTicket;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.InboundLog;
import dev.baton.core.store.Store;
import dev.baton.text.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Carries one stored inbound message through the flow of DESIGN.md §2: load the conversation; if a human has it,
 * record and stay silent; otherwise decide (triage + policy), answer (agent) or hand off, and store the customer
 * message, the replies (outbox) and the inbound row's DONE mark in <em>one</em> transaction. A crash before that
 * commit leaves the row PENDING and the turn is redone from scratch, so every message ends with exactly one set of
 * replies.
 */
public final class TurnProcessor {

    private static final Logger log = LoggerFactory.getLogger(TurnProcessor.class);

    private final Store store;
    private final KnowledgeSearch knowledge;
    private final TurnDecider decider;
    private final SupportAgent agent;
    private final HandoffService handoffs;
    private final HumanInbox inbox;
    private final ConversationEvents events;
    private final EngineSettings settings;
    private final EngineMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReplyWriter replies;

    public TurnProcessor(Store store, KnowledgeSearch knowledge, TurnDecider decider, SupportAgent agent,
                         HandoffService handoffs, HumanInbox inbox, ConversationEvents events,
                         EngineSettings settings, EngineMetrics metrics, ObjectMapper json, Clock clock) {
        this.store = store;
        this.knowledge = knowledge;
        this.decider = decider;
        this.agent = agent;
        this.handoffs = handoffs;
        this.inbox = inbox;
        this.events = events;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.replies = new ReplyWriter(store, json);
    }

    /** What the bot will do with the turn, computed outside the transaction. */
    private sealed interface Plan {
        /** Record the message; say nothing. */
        record Silent() implements Plan {
        }

        /** Record and send these replies. */
        record Reply(List<String> texts, String citation, String signalsJson) implements Plan {
        }

        /** Record, then hand off with an optional preface from the bot. */
        record Handoff(HandoffPlan plan, String signalsJson, String agentNote) implements Plan {
        }

        /** A human replied from another client: they have the conversation now. */
        record Takeover(String servicerId, String text) implements Plan {
        }
    }

    private record Context(Customer customer, Conversation conversation, List<Message> history) {
    }

    /**
     * Processes one inbound row unless it is no longer PENDING. {@code committed} is told the number of replies as
     * soon as the turn's transaction has committed, before the after-commit work (the inbox notification, the
     * model's handoff summary), so that the replies can go out and waiting callers can return without waiting for it.
     */
    public void process(long inboundId, IntConsumer committed) {
        Instant started = clock.instant();
        InboundLog.Row row = store.db().withConnection(c -> store.inbound().byId(c, inboundId)).orElse(null);
        if (row == null || row.status() != InboundLog.Status.PENDING) {
            return;
        }
        InboundMessage msg = readPayload(row);
        Context ctx = store.db().inTransaction(c -> {
            Customer cu = store.customers().upsert(c, msg.channel(), msg.customerId(), msg.customerName(), started);
            Conversation conv = store.conversations().forCustomer(c, cu.id(), msg.channel(), msg.channelAccount(),
                    started);
            // the history feeds triage and the agent only: a conversation with a human does not need it
            List<Message> history = conv.state().botMaySpeak()
                    ? store.messages().recent(c, conv.id(), settings.historyWindow()) : List.of();
            return new Context(cu, conv, history);
        });
        String text = msg.content().text();
        String language = text.isBlank() && ctx.customer().language() != null
                ? ctx.customer().language() : Language.detect(text);
        Plan plan = plan(msg, ctx, language);
        int[] replies = new int[1];
        HandoffService.Opened opened = store.db().inTransaction(c -> {
            HandoffService.Opened o = commit(c, row, msg, ctx, plan, language, replies);
            store.inbound().markDone(c, row.id(), clock.instant());
            return o;
        });
        metrics.turn(Duration.between(started, clock.instant()));
        committed.accept(replies[0]);
        afterCommit(ctx, msg, plan, opened);
    }

    private InboundMessage readPayload(InboundLog.Row row) {
        try {
            return json.readValue(row.payload(), InboundMessage.class);
        } catch (IOException e) {
            throw new IllegalStateException("inbound " + row.id() + " has an unreadable payload", e);
        }
    }

    private Plan plan(InboundMessage msg, Context ctx, String language) {
        InboundContent content = msg.content();
        if (content instanceof InboundContent.ServicerReply s) {
            return new Plan.Takeover(s.servicerId(), s.text());
        }
        if (!ctx.conversation().state().botMaySpeak()) {
            return new Plan.Silent();
        }
        if (content instanceof InboundContent.Event e) {
            if (e.kind() == InboundContent.EventKind.SUBSCRIBE || e.kind() == InboundContent.EventKind.ENTER_SESSION) {
                String lang = ctx.customer().language() != null ? ctx.customer().language() : "zh";
                return new Plan.Reply(List.of(settings.messages().welcome().in(lang)), null, null);
            }
            return new Plan.Silent();
        }
        if (content instanceof InboundContent.Reaction) {
            return new Plan.Silent();
        }
        if (content instanceof InboundContent.ButtonTap b && b.requestsHuman()) {
            return decide(ctx, language, "", true);
        }
        if ((content instanceof InboundContent.Media m && !m.hasUsableText())
                || content instanceof InboundContent.Contacts || content instanceof InboundContent.Unsupported) {
            return unsupported(language);
        }
        return content.text().isBlank() ? new Plan.Silent() : decide(ctx, language, content.text(), false);
    }

    private Plan unsupported(String language) {
        if (settings.unsupportedMediaHandoff()) {
            return new Plan.Handoff(HandoffPlan.of(HandoffReason.UNSUPPORTED_MEDIA, 30,
                    "the customer sent media the bot cannot read"), null, null);
        }
        return new Plan.Reply(List.of(settings.messages().unsupportedMedia().in(language)), null, null);
    }

    private Plan decide(Context ctx, String language, String text, boolean button) {
        List<KnowledgeAnswer> hits = text.isBlank() ? List.of() : knowledge.search(text, settings.knowledgeTopK());
        TurnDecision decision = decider.decide(new TurnInput(ctx.conversation(), ctx.customer(), text, language,
                button, hits, ctx.history()));
        if (decision.handsOff()) {
            return new Plan.Handoff(decision.handoff(), decision.signalsJson(), null);
        }
        AgentReply reply = agent.answer(new AgentRequest(ctx.conversation().id(), text, language, hits));
        String signals = withAgentSignals(decision.signalsJson(), reply);
        if (reply.wantsHuman()) {
            HandoffPlan plan = HandoffPlan.of(reply.handoff(), reply.handoff() == HandoffReason.LLM_UNAVAILABLE ? 40 : 50,
                    reply.handoff() == HandoffReason.LLM_UNAVAILABLE ? "the language model was unavailable"
                            : "the assistant decided a person should take over");
            return new Plan.Handoff(plan, signals, reply.handoffNote());
        }
        return new Plan.Reply(List.of(reply.text()), reply.citation(), signals);
    }

    private String withAgentSignals(String signalsJson, AgentReply reply) {
        try {
            ObjectNode node = signalsJson == null ? json.createObjectNode() : (ObjectNode) json.readTree(signalsJson);
            if (reply.knowledgeMiss()) {
                node.put("knowledgeMiss", true);
            }
            if (reply.llmCalls() > 0) {
                node.put("llmCalls", reply.llmCalls());
                node.put("tokens", reply.tokens());
            }
            return json.writeValueAsString(node);
        } catch (IOException | ClassCastException e) {
            return signalsJson;
        }
    }

    private HandoffService.Opened commit(Connection c, InboundLog.Row row, InboundMessage msg, Context ctx, Plan plan,
                                         String language, int[] replies) throws SQLException {
        Instant now = clock.instant();
        Conversation conv = store.conversations().byId(c, ctx.conversation().id()).orElseThrow();
        boolean customerWrote = !(msg.content() instanceof InboundContent.Event)
                && !(msg.content() instanceof InboundContent.ServicerReply);
        if (customerWrote) {
            // the channel's reply window is open again: agents' replies that waited for it go out first
            store.conversations().touchCustomerMessage(c, conv.id(), now);
            replies[0] += store.outbox().release(c, msg.channel(), msg.customerId(), now);
        }
        if (language != null && !msg.content().text().isBlank() && !language.equals(ctx.customer().language())) {
            store.customers().updateProfile(c, ctx.customer().id(), null, null, language);
        }
        // Someone (an agent in the inbox) took the conversation while we were thinking: stay silent.
        Plan effective = plan;
        if (!conv.state().botMaySpeak() && !(plan instanceof Plan.Takeover)) {
            effective = new Plan.Silent();
        }
        String signals = effective instanceof Plan.Reply r ? r.signalsJson()
                : effective instanceof Plan.Handoff h ? h.signalsJson() : null;
        if (effective instanceof Plan.Takeover t) {
            store.messages().append(c, conv.id(), row.id(), Author.HUMAN, t.servicerId(), t.text(), null, null, now);
            takeOver(c, conv, t.servicerId(), now);
            return null;
        }
        Author author = msg.content() instanceof InboundContent.Event ? Author.SYSTEM : Author.CUSTOMER;
        store.messages().append(c, conv.id(), row.id(), author, null, describe(msg.content()), null, signals, now);
        if (effective instanceof Plan.Reply r) {
            for (String text : r.texts()) {
                enqueue(c, conv, row.id(), OutboundMessage.Author.BOT, text, r.citation(), language, now);
                replies[0]++;
            }
            if (r.signalsJson() != null) {
                store.conversations().incrementBotTurns(c, conv.id());
            }
            return null;
        }
        if (effective instanceof Plan.Handoff h) {
            HandoffService.Opened opened = handoffs.open(c, conv, ctx.customer(), h.plan(), language,
                    intentOf(h.signalsJson()), sentimentTrend(c, conv.id()), h.agentNote(), now);
            if (opened != null) {
                enqueue(c, conv, row.id(), OutboundMessage.Author.SYSTEM, opened.customerMessage(), null,
                        language, now);
                replies[0]++;
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

    /** The intent triage detected in a message's stored signals, or null. */
    private String intentOf(String signalsJson) {
        if (signalsJson == null) {
            return null;
        }
        try {
            String name = json.readTree(signalsJson).path("intent").path("name").asText("");
            return name.isBlank() ? null : name;
        } catch (IOException e) {
            return null;
        }
    }

    /** Sentiment scores of the customer's messages in this conversation, oldest first (for the ticket). */
    private List<Double> sentimentTrend(Connection c, long conversationId) throws SQLException {
        List<Double> trend = new java.util.ArrayList<>();
        for (Message m : store.messages().recent(c, conversationId, settings.historyWindow())) {
            if (m.fromCustomer() && m.signalsJson() != null) {
                try {
                    com.fasterxml.jackson.databind.JsonNode score = json.readTree(m.signalsJson()).path("sentiment")
                            .path("score");
                    if (score.isNumber()) {
                        trend.add(score.asDouble());
                    }
                } catch (IOException e) {
                    // unreadable signals: leave this message out of the trend
                }
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

    private void afterCommit(Context ctx, InboundMessage msg, Plan plan, HandoffService.Opened opened) {
        long convId = ctx.conversation().id();
        events.changed(convId, ConversationEvents.Kind.MESSAGE);
        if (opened != null) {
            metrics.handoff(opened.ticket().reasons().get(0).code());
            log.info("conversation {} handed off: reasons={} priority={} group={} ({})", convId,
                    opened.ticket().reasons(), opened.ticket().priority(), opened.ticket().group(),
                    opened.ticket().explanation());
            events.changed(convId, ConversationEvents.Kind.TICKET);
            HandoffTicket ticket = opened.ticket();
            try {
                inbox.open(ticket); // routing and the off-hours notice at once, with the quick summary
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

    /** The transcript text of a message: the text itself, or a bracketed description an agent can read. */
    static String describe(InboundContent content) {
        if (content instanceof InboundContent.ButtonTap b) {
            return "[button] " + (b.title() == null ? b.id() : b.title());
        }
        if (content instanceof InboundContent.Media m) {
            return "[" + m.kind().name().toLowerCase(Locale.ROOT) + "]" + (m.text().isBlank() ? "" : " " + m.text());
        }
        if (content instanceof InboundContent.Location l) {
            return "[location] " + (l.label() == null ? "" : l.label() + " ") + l.latitude() + "," + l.longitude();
        }
        if (content instanceof InboundContent.Link l) {
            return "[link] " + l.title() + " " + l.url();
        }
        if (content instanceof InboundContent.Contacts cs) {
            return "[contacts] " + cs.summary();
        }
        if (content instanceof InboundContent.Reaction r) {
            return "[reaction] " + r.emoji();
        }
        if (content instanceof InboundContent.Event e) {
            return "[event] " + e.kind().name().toLowerCase(Locale.ROOT) + (e.detail() == null ? "" : " " + e.detail());
        }
        if (content instanceof InboundContent.Unsupported u) {
            return "[unsupported] " + u.platformType();
        }
        return content.text();
    }
}
