package dev.baton.core.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * What Baton read from one customer message, stored with it in the transcript: triage's offline signals, whether the
 * knowledge backed the answer, what the answer cost, and what the business look-ups did. Later turns read it back
 * (runs of negative sentiment, repetitions, knowledge misses, a parameter the bot asked for) and the ticket shows it to
 * the human. Only the store turns it into JSON.
 *
 * @param triage        the offline signals of the message
 * @param knowledgeMiss no confident knowledge hit backed this turn (the retrieval's verdict, or the agent's own); a
 *                      turn a look-up answered is no knowledge question, so never a miss
 * @param llmCalls      model calls the answer took (0 offline, or when the policy handed off first)
 * @param tokens        tokens those calls used
 * @param lookups       the look-ups of this turn, in order (none for most turns)
 */
public record TurnSignals(TriageSignals triage, boolean knowledgeMiss, int llmCalls, long tokens,
                          List<LookupTrace> lookups) {

    public TurnSignals {
        java.util.Objects.requireNonNull(triage, "triage");
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
    }

    /** Signals without look-ups. */
    public TurnSignals(TriageSignals triage, boolean knowledgeMiss, int llmCalls, long tokens) {
        this(triage, knowledgeMiss, llmCalls, tokens, List.of());
    }

    /** Signals before the agent ran: the retrieval's verdict, no model call yet. */
    public static TurnSignals of(TriageSignals triage, boolean knowledgeMiss) {
        return new TurnSignals(triage, knowledgeMiss, 0, 0);
    }

    /** These signals after the agent answered: its own miss verdict adds to the retrieval's, and its cost. */
    public TurnSignals withAgent(boolean agentMissed, int calls, long usedTokens) {
        return new TurnSignals(triage, knowledgeMiss || agentMissed, llmCalls + calls, tokens + usedTokens, lookups);
    }

    /**
     * These signals with the look-ups of the turn added. A look-up that asked for a parameter or got the API's answer
     * (found or not found) settles the turn: it was no knowledge question, so it is no knowledge miss any more. A
     * failed one settles nothing.
     */
    public TurnSignals withLookups(List<LookupTrace> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<LookupTrace> all = new ArrayList<>(lookups);
        all.addAll(more);
        boolean settled = more.stream().anyMatch(t -> t.outcome() == LookupTrace.Outcome.ASKED
                || t.outcome().answered());
        return new TurnSignals(triage, knowledgeMiss && !settled, llmCalls, tokens, all);
    }

    /** The detected intent's name, or null. */
    public String intentName() {
        return triage.intent() == null ? null : triage.intent().name();
    }

    /** The sentiment score, or null when sentiment was not analysed. */
    public Double sentimentScore() {
        return triage.sentiment() == null ? null : triage.sentiment().score();
    }
}
