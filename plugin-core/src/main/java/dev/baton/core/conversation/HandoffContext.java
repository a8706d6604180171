package dev.baton.core.conversation;

import java.time.Duration;
import java.util.List;

/**
 * What a ticket records of the moment of the handoff and never changes afterwards: who the customer was, why the
 * policy decided (in its own words), the detected intent and sentiment, what the bot had already answered, and the
 * transcript so far. The ticket's changing facts (status, group, assignee, summary, priority) are not here.
 *
 * @param customer             who it is, as known at the handoff
 * @param explanation          the policy's own words on the decision (which rule fired, with what values)
 * @param language             the customer's language (BCP 47, e.g. zh, en)
 * @param intent               the detected intent, or null
 * @param sentimentTrend       sentiment scores of the customer's recent messages, oldest first (-1..1)
 * @param botAttempts          what the bot already answered, with citations
 * @param transcript           the transcript up to the handoff, oldest first
 * @param replyWindowRemaining how long free-form replies were still allowed on the channel, or null if unlimited
 */
public record HandoffContext(HandoffTicket.CustomerProfile customer, String explanation, String language,
                             String intent, List<Double> sentimentTrend, List<HandoffTicket.BotAttempt> botAttempts,
                             List<HandoffTicket.TranscriptLine> transcript, Duration replyWindowRemaining) {

    public HandoffContext {
        sentimentTrend = sentimentTrend == null ? List.of() : List.copyOf(sentimentTrend);
        botAttempts = botAttempts == null ? List.of() : List.copyOf(botAttempts);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
    }
}
