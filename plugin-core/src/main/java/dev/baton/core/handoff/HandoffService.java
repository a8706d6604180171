package dev.baton.core.handoff;


import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.core.store.Store;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.store.TicketRepository;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens a handoff inside the turn's transaction: routes it (group by policy target or skills, the off-hours notice),
 * writes the ticket once with everything the human needs, moves the conversation to QUEUED, and composes what the
 * customer is told (queue position and expected wait, and when the group is closed, when it opens). The caller
 * enqueues those texts in the same transaction and notifies the {@link HumanInbox} after the commit. Also opens the
 * ticket of an agent's takeover ({@link #takeOver}), which is held by that agent from the start.
 */
public final class HandoffService {

    /** A takeover ticket's priority: that of an explicit request, should it ever go back to a queue. */
    static final int TAKEOVER_PRIORITY = 50;

    private final Store store;
    private final Summarizer summarizer;
    private final Localized queuedMessage;
    private final Function<Channel, ChannelLimits> limits;
    private final Duration averageHandleTime;
    private final Routing routing;

    public HandoffService(Store store, Summarizer summarizer, Localized queuedMessage,
                          Function<Channel, ChannelLimits> limits, Duration averageHandleTime, Routing routing) {
        this.store = store;
        this.summarizer = summarizer;
        this.queuedMessage = queuedMessage;
        this.limits = limits;
        this.averageHandleTime = averageHandleTime;
        this.routing = routing;
    }

    /**
     * A handoff that was opened.
     *
     * @param customerMessages what to tell the customer: the queue confirmation with place and expected wait, or,
     *                         when the group is closed, only the off-hours notice (a wait of minutes would be a
     *                         promise nobody is there to keep)
     * @param agentNote        the bot's note appended to the summary (null if none)
     * @param offHours         true when the customer was told the group is closed now
     */
    public record Opened(HandoffTicket ticket, int position, List<String> customerMessages, String agentNote,
                         boolean offHours) {
        public Opened {
            customerMessages = List.copyOf(customerMessages);
        }
    }

    /**
     * Opens the handoff. The customer's current message must already be in the transcript (same transaction).
     * Returns null when the conversation is no longer with the bot (someone else took it meanwhile).
     */
    public Opened open(Connection c, Conversation conv, Customer customer, Decision.Handoff plan, String language,
                       String intent, List<Double> sentimentTrend, String agentNote, Instant now) throws SQLException {
        String group = routing.route(plan.group(), intent, customer.tier(), language);
        if (!store.conversations().transition(c, conv.id(), ConversationState.BOT, ConversationState.QUEUED, null,
                group, plan.priority(), now)) {
            return null;
        }
        int position = store.tickets().positionForNew(c, plan.priority());
        HandoffTicket ticket = insert(c, conv, customer, plan, group, language, intent, sentimentTrend, agentNote,
                position, now);
        long waitMinutes = expectedWait(averageHandleTime, position).toMinutes();
        Optional<String> closed = routing.offHoursNotice(group, language, now);
        List<String> told = closed.map(List::of).orElseGet(() -> List.of(
                queuedMessage.format(language, Map.of("position", position, "wait", waitMinutes))));
        return new Opened(ticket, position, told, agentNote, closed.isPresent());
    }

    /**
     * The wait a customer at {@code position} is told to expect: the average handle time per ticket ahead of them and
     * their own, in whole minutes, at least one.
     */
    public static Duration expectedWait(Duration averageHandleTime, int position) {
        return Duration.ofMinutes(Math.max(1, averageHandleTime.multipliedBy(Math.max(1, position)).toMinutes()));
    }

    /**
     * An agent takes the conversation over from the bot (their reply to it): a ticket held by {@code agentName} from
     * the start (reason {@code agent_takeover}, never queued, so no queue message to the customer), and the
     * conversation goes HUMAN with them. Also for a conversation left HUMAN without a ticket. Returns null when the
     * conversation changed state meanwhile or already has an active ticket.
     *
     * @param group the ticket's group (the agent's), or null for {@code default}
     */
    public HandoffTicket takeOver(Connection c, Conversation conv, Customer customer, String agentName, String group,
                                  Instant now) throws SQLException {
        if (store.tickets().activeFor(c, conv.id()).isPresent()) {
            return null;
        }
        String g = group != null ? group : "default";
        Decision.Handoff plan = new Decision.Handoff(List.of(HandoffReason.AGENT_TAKEOVER), TAKEOVER_PRIORITY, g,
                "agent_takeover: " + agentName + " took the conversation from the bot by replying");
        if (!store.conversations().transition(c, conv.id(), conv.state(), ConversationState.HUMAN, agentName, g,
                plan.priority(), now)) {
            return null;
        }
        HandoffTicket ticket = insert(c, conv, customer, plan, g, customer.language(), null, List.of(), null, null,
                now);
        store.tickets().assign(c, ticket.id(), agentName, now);
        return ticket;
    }

    /** Writes the ticket (status OPEN) with everything the human needs; the conversation's state is the caller's. */
    private HandoffTicket insert(Connection c, Conversation conv, Customer customer, Decision.Handoff plan,
                                 String group, String language, String intent, List<Double> sentimentTrend,
                                 String agentNote, Integer toldPosition, Instant now) throws SQLException {
        List<Message> transcript = store.messages().transcript(c, conv.id());
        String summary = withNote(summarizer.immediate().summarize(transcript, plan.reasons(), language),
                summarizer.writesIn(language), agentNote);
        HandoffTicket.CustomerProfile profile = new HandoffTicket.CustomerProfile(customer.id(), customer.channel(),
                customer.platformId(), conv.channelAccount(), customer.displayName(), customer.tier(),
                customer.tags());
        List<HandoffTicket.TranscriptLine> lines = transcript.stream()
                .map(m -> new HandoffTicket.TranscriptLine(m.createdAt(), m.author().code(), m.text())).toList();
        HandoffContext context = new HandoffContext(profile, plan.explanation(), language, intent, sentimentTrend,
                botAttempts(transcript), lines, windowRemaining(conv, now), LookupTrace.results(transcript));
        long id = store.tickets().insert(c, conv.id(), plan.reasons(), plan.priority(), group, summary, context,
                toldPosition, now);
        return HandoffTicket.of(id, conv.id(), plan.reasons(), plan.priority(), group, summary, now, context);
    }

    /**
     * After the handoff's commit: when the summarizer calls a model ({@link Summarizer#immediate()} differs), writes
     * its summary over the quick one and returns the updated ticket; otherwise returns the ticket unchanged. Bounded
     * by the summarizer's own budget; the customer's confirmation is already in the outbox.
     */
    public HandoffTicket refine(Opened opened) {
        HandoffTicket t = opened.ticket();
        if (summarizer.immediate() == summarizer) {
            return t;
        }
        List<Message> transcript = store.db().withConnection(c -> store.messages().transcript(c, t.conversationId()));
        String summary = withNote(summarizer.summarize(transcript, t.reasons(), t.language()),
                summarizer.writesIn(t.language()), opened.agentNote());
        if (summary.equals(t.summary())) {
            return t;
        }
        // only the summary column changes: the inbox may have changed the rest meanwhile (its group, its assignee)
        return store.db().inTransaction(c -> {
            store.tickets().updateSummary(c, t.id(), summary);
            return store.tickets().byId(c, t.id()).map(TicketRepository.Row::ticket).orElse(t.withSummary(summary));
        });
    }

    private static String withNote(String summary, String language, String agentNote) {
        if (agentNote == null || agentNote.isBlank()) {
            return summary;
        }
        return summary + (HandoffLabels.isChinese(language) ? "机器人备注：" : " Bot's note: ") + agentNote.strip();
    }

    /** How long free-form replies remain allowed on the conversation's channel, or null when unlimited. */
    public Duration windowRemaining(Conversation conv, Instant now) {
        ChannelLimits l = limits.apply(conv.channel());
        return l == null ? null : l.windowRemaining(conv.lastCustomerMessageAt(), now);
    }

    /** Each bot answer with the customer message before it. */
    static List<HandoffTicket.BotAttempt> botAttempts(List<Message> transcript) {
        List<HandoffTicket.BotAttempt> out = new ArrayList<>();
        String lastQuestion = null;
        for (Message m : transcript) {
            if (m.author() == Author.CUSTOMER) {
                lastQuestion = m.text();
            } else if (m.author() == Author.BOT && lastQuestion != null) {
                out.add(new HandoffTicket.BotAttempt(lastQuestion, m.text(), m.citation()));
            }
        }
        return out;
    }
}
