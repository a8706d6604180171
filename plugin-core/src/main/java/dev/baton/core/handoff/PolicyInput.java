package dev.baton.core.handoff;

import dev.baton.core.conversation.TriageSignals;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@link HandoffPolicy#decide} looks at for one customer turn. Plain data: the engine fills it from the
 * triage result, the knowledge lookup and the conversation's stored signals.
 *
 * @param signals                the triage signals of the current message
 * @param knowledgeMiss          the current message is a genuine question (not small talk, has words) and the
 *                               knowledge base had no confident hit for it
 * @param humanButton            the customer pressed the "talk to a human" button or menu item
 * @param customerTier           the customer's tier from the profile or CRM (e.g. {@code vip}), or null
 * @param history                this conversation's earlier customer turns (since the last human hand-back), oldest
 *                               first
 * @param earlierKnowledgeMisses for the earlier genuine questions of those turns (small talk and messages without
 *                               words left out), whether the knowledge missed each, oldest first
 * @param botTurns               how many times the bot has answered in this conversation so far
 * @param knowledgeAnswered      the knowledge has a confident answer for the current message (a customer describing a
 *                               problem the knowledge answers is given that answer before a person, unless the
 *                               message is furious or another rule fires)
 */
public record PolicyInput(TriageSignals signals, boolean knowledgeMiss, boolean humanButton, String customerTier,
                          List<TriageSignals> history, List<Boolean> earlierKnowledgeMisses, int botTurns,
                          boolean knowledgeAnswered) {

    public PolicyInput {
        Objects.requireNonNull(signals, "signals");
        history = history == null ? List.of() : List.copyOf(history);
        earlierKnowledgeMisses = earlierKnowledgeMisses == null ? List.of() : List.copyOf(earlierKnowledgeMisses);
    }

    /** Without a confident knowledge answer for the current message. */
    public PolicyInput(TriageSignals signals, boolean knowledgeMiss, boolean humanButton, String customerTier,
                       List<TriageSignals> history, List<Boolean> earlierKnowledgeMisses, int botTurns) {
        this(signals, knowledgeMiss, humanButton, customerTier, history, earlierKnowledgeMisses, botTurns, false);
    }

    /** A first message with no context: no button, no tier, no knowledge lookup yet. */
    public static PolicyInput of(TriageSignals signals) {
        return new PolicyInput(signals, false, false, null, List.of(), List.of(), 0);
    }
}
