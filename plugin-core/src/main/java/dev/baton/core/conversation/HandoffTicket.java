package dev.baton.core.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.baton.core.channel.Channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a human needs so the customer never repeats themselves.
 *
 * @param id                   ticket id
 * @param conversationId       the conversation
 * @param customer             who it is
 * @param reasons              why it was handed off (first = main reason)
 * @param explanation          the policy's own words on the decision (which rule fired, with what values)
 * @param priority             higher is served first
 * @param group                target group of agents
 * @param summary              the summary, in the customer's language
 * @param language             the customer's language (BCP 47, e.g. zh, en)
 * @param intent               the detected intent, or null
 * @param sentimentTrend       sentiment scores of the customer's recent messages, oldest first (-1..1)
 * @param botAttempts          what the bot already answered, with citations
 * @param transcript           the full transcript, oldest first
 * @param replyWindowRemaining how long free-form replies are still allowed on the channel, or null if unlimited
 * @param createdAt            when the ticket was opened
 * @param lookups              what the business look-ups found before the handoff, oldest first
 */
public record HandoffTicket(long id, long conversationId, CustomerProfile customer, List<HandoffReason> reasons,
                            String explanation, int priority, String group, String summary, String language,
                            String intent, List<Double> sentimentTrend, List<BotAttempt> botAttempts,
                            List<TranscriptLine> transcript, Duration replyWindowRemaining, Instant createdAt,
                            List<LookupResult> lookups) {

    @JsonCreator
    public HandoffTicket {
        reasons = List.copyOf(reasons);
        sentimentTrend = sentimentTrend == null ? List.of() : List.copyOf(sentimentTrend);
        botAttempts = botAttempts == null ? List.of() : List.copyOf(botAttempts);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
    }

    /** A ticket without look-up results. */
    public HandoffTicket(long id, long conversationId, CustomerProfile customer, List<HandoffReason> reasons,
                         String explanation, int priority, String group, String summary, String language,
                         String intent, List<Double> sentimentTrend, List<BotAttempt> botAttempts,
                         List<TranscriptLine> transcript, Duration replyWindowRemaining, Instant createdAt) {
        this(id, conversationId, customer, reasons, explanation, priority, group, summary, language, intent,
                sentimentTrend, botAttempts, transcript, replyWindowRemaining, createdAt, List.of());
    }

    /** The ticket as stored: its current facts and the snapshot taken at the handoff. */
    public static HandoffTicket of(long id, long conversationId, List<HandoffReason> reasons, int priority,
                                   String group, String summary, Instant createdAt, HandoffContext context) {
        return new HandoffTicket(id, conversationId, context.customer(), reasons, context.explanation(), priority,
                group, summary, context.language(), context.intent(), context.sentimentTrend(), context.botAttempts(),
                context.transcript(), context.replyWindowRemaining(), createdAt, context.lookups());
    }

    /** This ticket with another summary (the model's, written after the handoff). */
    public HandoffTicket withSummary(String newSummary) {
        return new HandoffTicket(id, conversationId, customer, reasons, explanation, priority, group, newSummary,
                language, intent, sentimentTrend, botAttempts, transcript, replyWindowRemaining, createdAt, lookups);
    }

    /** The customer as the human sees them. {@code channelAccount} is the business account they wrote to. */
    public record CustomerProfile(long customerId, Channel channel, String platformId, String channelAccount,
                                  String name, String tier, List<String> tags) {
        public CustomerProfile {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** One answer the bot gave before the handoff. */
    public record BotAttempt(String question, String answer, String citation) {
    }

    /**
     * What a business look-up found, as people read it: "order_status · found · 订单 20251120-8891：已发货…".
     *
     * @param at      when the customer asked
     * @param lookup  the look-up's name
     * @param outcome {@code found}, {@code not_found} or {@code failed}
     * @param text    what the result says, in the customer's language
     */
    public record LookupResult(Instant at, String lookup, String outcome, String text) {
    }

    /** One line of the transcript. {@code author} is customer, bot, human or system. */
    public record TranscriptLine(Instant at, String author, String text) {
    }
}
