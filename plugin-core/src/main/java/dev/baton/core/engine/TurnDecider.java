package dev.baton.core.engine;

/**
 * Decides, before any agent or LLM call, whether a customer turn must go to a human. Implementations run triage
 * (explicit request, sentiment, intent, repetition, knowledge miss, VIP) and the handoff policy; a handoff they
 * force cannot be cancelled by the agent.
 */
@FunctionalInterface
public interface TurnDecider {

    TurnDecision decide(TurnInput input);
}
