package dev.baton.core.handoff;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.SmallTalkKind;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Transcripts as the engine stores them: customer messages with what triage read (small talk, a request for a person,
 * sentiment, the knowledge's verdict), bot answers with their citations, system notices.
 */
final class Transcripts {

    private final List<Message> messages = new ArrayList<>();
    private final String language;

    private Transcripts(String language) {
        this.language = language;
    }

    static Transcripts in(String language) {
        return new Transcripts(language);
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    /** A question the knowledge answered from {@code citation}, with the bot's answer (its customer-facing source line). */
    Transcripts answered(String question, String answer, String citation) {
        customer(question, signals(null, null, null, null), false);
        String title = citation.substring(citation.lastIndexOf('›') + 1).strip();
        return add(Author.BOT, answer + "\n\n" + ("zh".equals(language) ? "来源：" : "Source: ") + title, citation,
                null);
    }

    /** A question the knowledge had no answer for, with the bot's "not sure" reply. */
    Transcripts missed(String question) {
        customer(question, signals(null, null, null, null), true);
        return add(Author.BOT, "zh".equals(language) ? "抱歉，这个问题我暂时没有找到可靠的答案。"
                : "Sorry, I couldn't find a reliable answer to that.", null, null);
    }

    /** Small talk and the bot's short reply. */
    Transcripts smallTalk(String text, SmallTalkKind kind) {
        customer(text, signals(null, null, null, kind), false);
        return add(Author.BOT, "zh".equals(language) ? "您好！请问有什么可以帮您？" : "Hi! How can I help?", null, null);
    }

    /** A message the conversation was handed off on (no bot reply): a plain request for a person by keyword. */
    Transcripts asksForPerson(String text, String keyword) {
        customer(text, signals(new TriageSignals.ExplicitRequest(true, TriageSignals.Method.KEYWORD, keyword, 1.0,
                false), null, new TriageSignals.IntentMatch("human_agent", 1.0, TriageSignals.Method.KEYWORD,
                keyword), null), true);
        return queued();
    }

    /** A customer message with a sentiment score, then {@code handedOff}: the queue notice instead of a bot reply. */
    Transcripts says(String text, double sentiment, boolean knowledgeMiss, boolean handedOff) {
        customer(text, new TriageSignals(language, TriageSignals.ExplicitRequest.none(),
                new TriageSignals.Sentiment(sentiment < -0.3 ? TriageSignals.Polarity.NEGATIVE
                        : TriageSignals.Polarity.NEUTRAL, sentiment, sentiment <= -0.9), null,
                TriageSignals.Repetition.none(), 100, null), knowledgeMiss);
        return handedOff ? queued() : this;
    }

    /** The "talk to a human" button, as the engine writes it in the transcript, and the queue notice. */
    Transcripts pressesButton() {
        customer("[button] Talk to a human", signals(null, null, null, null), true);
        return queued();
    }

    /** A message of the customer written while queued (stored without signals). */
    Transcripts writesWhileQueued(String text) {
        return add(Author.CUSTOMER, text, null, null);
    }

    /**
     * A question a business look-up answered: the customer's message with the look-up's trace ({@code outcome}, the
     * result's text) and the bot's reply, the result itself.
     */
    Transcripts lookedUp(String question, String lookup, LookupTrace.Outcome outcome, String result) {
        add(Author.CUSTOMER, question, null, TurnSignals.of(signals(null, null, null, null), false)
                .withLookups(List.of(new LookupTrace(lookup, outcome, java.util.Map.of(), null, result))));
        return add(Author.BOT, result, null, null);
    }

    /** An agent's reply. */
    Transcripts agent(String text) {
        return add(Author.HUMAN, text, null, null);
    }

    Transcripts queued() {
        return add(Author.SYSTEM, "zh".equals(language) ? "已为您转接人工客服，您目前排在第 1 位。"
                : "You are number 1 in the queue.", null, null);
    }

    private void customer(String text, TriageSignals triage, boolean knowledgeMiss) {
        add(Author.CUSTOMER, text, null, TurnSignals.of(triage, knowledgeMiss));
    }

    private TriageSignals signals(TriageSignals.ExplicitRequest request, TriageSignals.Sentiment sentiment,
                                  TriageSignals.IntentMatch intent, SmallTalkKind smallTalk) {
        return new TriageSignals(language, request != null ? request : TriageSignals.ExplicitRequest.none(),
                sentiment != null ? sentiment : new TriageSignals.Sentiment(TriageSignals.Polarity.NEUTRAL, 0.0),
                intent, TriageSignals.Repetition.none(), 100, smallTalk);
    }

    private Transcripts add(Author author, String text, String citation, TurnSignals signals) {
        messages.add(new Message(messages.size() + 1, 1, null, author, null, text, citation, signals,
                Instant.parse("2025-06-01T10:00:00Z").plusSeconds(messages.size())));
        return this;
    }
}
