package dev.baton.core.handoff;


import dev.baton.core.conversation.HandoffReason;import dev.baton.core.conversation.HandoffTicket;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.Message;
import dev.baton.core.store.Store;
import dev.baton.core.store.TicketRepository;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Opens a handoff inside the turn's transaction: writes the ticket with everything the human needs, moves the
 * conversation to QUEUED, and composes the customer's confirmation with queue position and expected wait. The
 * caller notifies the {@link HumanInbox} after the commit.
 */
public final class HandoffService {

    private final Store store;
    private final Summarizer summarizer;
    private final Localized queuedMessage;
    private final ObjectMapper json;
    private final Function<Channel, ChannelLimits> limits;
    private final Duration averageHandleTime;

    public HandoffService(Store store, Summarizer summarizer, Localized queuedMessage, ObjectMapper json,
                          Function<Channel, ChannelLimits> limits, Duration averageHandleTime) {
        this.store = store;
        this.summarizer = summarizer;
        this.queuedMessage = queuedMessage;
        this.json = json;
        this.limits = limits;
        this.averageHandleTime = averageHandleTime;
    }

    /**
     * A handoff that was opened; {@code customerMessage} is what to tell the customer, {@code agentNote} the bot's
     * note appended to the summary (null if none).
     */
    public record Opened(HandoffTicket ticket, int position, String customerMessage, String agentNote) {
    }

    /**
     * Opens the handoff. The customer's current message must already be in the transcript (same transaction).
     * Returns null when the conversation is no longer with the bot (someone else took it meanwhile).
     */
    public Opened open(Connection c, Conversation conv, Customer customer, Decision.Handoff plan, String language,
                       String intent, List<Double> sentimentTrend, String agentNote, Instant now) throws SQLException {
        String group = plan.group();
        if (!store.conversations().transition(c, conv.id(), ConversationState.BOT, ConversationState.QUEUED, null,
                group, plan.priority(), now)) {
            return null;
        }
        List<Message> transcript = store.messages().transcript(c, conv.id());
        String summary = withNote(summarizer.immediate().summarize(transcript, plan.reasons(), language), language,
                agentNote);
        HandoffTicket.CustomerProfile profile = new HandoffTicket.CustomerProfile(customer.id(), customer.channel(),
                customer.platformId(), conv.channelAccount(), customer.displayName(), customer.tier(),
                customer.tags());
        List<HandoffTicket.TranscriptLine> lines = transcript.stream()
                .map(m -> new HandoffTicket.TranscriptLine(m.createdAt(), m.author().code(), m.text())).toList();
        HandoffTicket draft = new HandoffTicket(0, conv.id(), profile, plan.reasons(), plan.explanation(),
                plan.priority(), group, summary, language, intent, sentimentTrend, botAttempts(transcript), lines,
                windowRemaining(conv, now), now);
        long id = store.tickets().insert(c, conv.id(), reasonCodes(plan.reasons()), plan.priority(), group, summary,
                EngineJson.write(json, draft), now);
        HandoffTicket ticket = draft.withId(id);
        store.tickets().updateTicketJson(c, id, EngineJson.write(json, ticket));
        int position = store.tickets().queuePosition(c, id);
        long waitMinutes = Math.max(1, averageHandleTime.multipliedBy(position).toMinutes());
        String text = queuedMessage.format(language, Map.of("position", position, "wait", waitMinutes));
        return new Opened(ticket, position, text, agentNote);
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
        String summary = withNote(summarizer.summarize(transcript, t.reasons(), t.language()), t.language(),
                opened.agentNote());
        if (summary.equals(t.summary())) {
            return t;
        }
        HandoffTicket refined = t.withSummary(summary);
        store.db().inTransaction(c -> {
            // patch the stored ticket instead of rewriting it: the inbox may have changed it meanwhile (its group)
            String stored = store.tickets().byId(c, t.id()).map(TicketRepository.Row::ticketJson).orElse(null);
            String patched;
            try {
                ObjectNode node = stored == null ? null : (ObjectNode) json.readTree(stored);
                patched = node == null ? EngineJson.write(json, refined)
                        : json.writeValueAsString(node.put("summary", summary));
            } catch (IOException | ClassCastException e) {
                patched = EngineJson.write(json, refined);
            }
            store.tickets().updateSummary(c, t.id(), summary, patched);
            return null;
        });
        return refined;
    }

    private static String reasonCodes(List<HandoffReason> reasons) {
        return String.join(",", reasons.stream().map(HandoffReason::code).toList());
    }

    private static String withNote(String summary, String language, String agentNote) {
        if (agentNote == null || agentNote.isBlank()) {
            return summary;
        }
        return summary + ("zh".equals(language) ? " 机器人备注：" : " Bot's note: ") + agentNote.strip();
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
