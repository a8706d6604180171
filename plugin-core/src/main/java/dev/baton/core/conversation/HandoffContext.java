package dev.baton.core.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Duration;
import java.util.List;

/**
 * What a ticket records of the moment of the handoff and never changes afterwards: who the customer was, why the
 * policy decided (in its own words), the detected intent and sentiment, what the bot had already answered, what the
 * business look-ups found, and the transcript so far. The ticket's changing facts (status, group, assignee, summary,
 * priority) are not here.
 *
 * @param customer             who it is, as known at the handoff
 * @param explanation          the policy's own words on the decision (which rule fired, with what values)
 * @param language             the customer's language (BCP 47, e.g. zh, en)
 * @param intent               the detected intent, or null
 * @param sentimentTrend       sentiment scores of the customer's recent messages, oldest first (-1..1)
 * @param botAttempts          what the bot already answered, with citations
 * @param transcript           the transcript up to the handoff, oldest first
 * @param replyWindowRemaining how long free-form replies were still allowed on the channel, or null if unlimited
 * @param lookups              the business look-ups of the conversation that reached the API, oldest first
 */
public record HandoffContext(HandoffTicket.CustomerProfile customer, String explanation, String language,
                             String intent, List<Double> sentimentTrend, List<HandoffTicket.BotAttempt> botAttempts,
                             List<HandoffTicket.TranscriptLine> transcript, Duration replyWindowRemaining,
                             List<HandoffTicket.LookupResult> lookups) {

    /** The stored form is read through this constructor (tickets written before look-ups read with none). */
    @JsonCreator
    public HandoffContext {
        sentimentTrend = sentimentTrend == null ? List.of() : List.copyOf(sentimentTrend);
        botAttempts = botAttempts == null ? List.of() : List.copyOf(botAttempts);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
    }

    /** A context without look-ups. */
    public HandoffContext(HandoffTicket.CustomerProfile customer, String explanation, String language, String intent,
                          List<Double> sentimentTrend, List<HandoffTicket.BotAttempt> botAttempts,
                          List<HandoffTicket.TranscriptLine> transcript, Duration replyWindowRemaining) {
        this(customer, explanation, language, intent, sentimentTrend, botAttempts, transcript, replyWindowRemaining,
                List.of());
    }
}
