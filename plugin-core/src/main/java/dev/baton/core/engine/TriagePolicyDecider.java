package dev.baton.core.engine;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.triage.TriageInput;
import dev.baton.core.triage.Triage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.conversation.Author;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.Decision;
import dev.baton.core.handoff.HandoffPlan;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.PolicyInput;

import java.util.ArrayList;
import java.util.List;

/**
 * The full decider: offline {@link Triage} on the customer's message, then the declarative {@link HandoffPolicy}
 * over this turn and the conversation's earlier turns (their signals are read back from the transcript). The
 * signals are returned for storage with the message, so later turns and the human see them. A handoff decided here
 * needs no LLM call and cannot be cancelled by the agent.
 */
public final class TriagePolicyDecider implements TurnDecider {

    private final Triage triage;
    private final HandoffPolicy policy;
    private final ObjectMapper json = EngineJson.mapper();

    public TriagePolicyDecider(Triage triage, HandoffPolicy policy) {
        this.triage = triage;
        this.policy = policy;
    }

    @Override
    public TurnDecision decide(TurnInput in) {
        List<Message> earlier = sinceLastHuman(in.history());
        List<String> earlierTexts = earlier.stream().map(Message::text).toList();
        TriageSignals signals = triage.analyze(new TriageInput(in.text(), earlierTexts, in.language()));
        List<TriageSignals> history = new ArrayList<>();
        List<Boolean> misses = new ArrayList<>();
        for (Message m : earlier) {
            if (m.signalsJson() == null) {
                continue;
            }
            try {
                history.add(json.readValue(m.signalsJson(), TriageSignals.class));
                misses.add(json.readTree(m.signalsJson()).path("knowledgeMiss").asBoolean(false));
            } catch (java.io.IOException | RuntimeException e) {
                // signals written by an older version: skip that turn
            }
        }
        Decision decision = policy.decide(new PolicyInput(signals, in.knowledgeMiss(), in.humanButton(),
                in.customer().tier(), history, misses, in.conversation().botTurns()));
        ObjectNode stored = json.valueToTree(signals);
        stored.put("knowledgeMiss", in.knowledgeMiss());
        String signalsJson = EngineJson.write(json, stored);
        if (decision instanceof Decision.Handoff h) {
            return new TurnDecision(new HandoffPlan(h.reasons(), h.priority(), h.group(), h.explanation()),
                    signalsJson);
        }
        return TurnDecision.answer(signalsJson);
    }

    /** The customer's messages after the last time a human (or the system, e.g. a hand-back) spoke. */
    private static List<Message> sinceLastHuman(List<Message> history) {
        int start = 0;
        for (int i = 0; i < history.size(); i++) {
            Author a = history.get(i).author();
            if (a == Author.HUMAN || a == Author.SYSTEM) {
                start = i + 1;
            }
        }
        return history.subList(start, history.size()).stream().filter(Message::fromCustomer).toList();
    }
}
