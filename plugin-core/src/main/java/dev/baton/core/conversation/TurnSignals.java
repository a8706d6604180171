package dev.baton.core.conversation;

/**
 * What Baton read from one customer message, stored with it in the transcript: triage's offline signals, whether the
 * knowledge backed the answer, and what the answer cost. Later turns read it back (runs of negative sentiment,
 * repetitions, knowledge misses) and the ticket shows it to the human. Only the store turns it into JSON.
 *
 * @param triage        the offline signals of the message
 * @param knowledgeMiss no confident knowledge hit backed this turn (the retrieval's verdict, or the agent's own)
 * @param llmCalls      model calls the answer took (0 offline, or when the policy handed off first)
 * @param tokens        tokens those calls used
 */
public record TurnSignals(TriageSignals triage, boolean knowledgeMiss, int llmCalls, long tokens) {

    public TurnSignals {
        java.util.Objects.requireNonNull(triage, "triage");
    }

    /** Signals before the agent ran: the retrieval's verdict, no model call yet. */
    public static TurnSignals of(TriageSignals triage, boolean knowledgeMiss) {
        return new TurnSignals(triage, knowledgeMiss, 0, 0);
    }

    /** These signals after the agent answered: its own miss verdict adds to the retrieval's, and its cost. */
    public TurnSignals withAgent(boolean agentMissed, int calls, long usedTokens) {
        return new TurnSignals(triage, knowledgeMiss || agentMissed, llmCalls + calls, tokens + usedTokens);
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
