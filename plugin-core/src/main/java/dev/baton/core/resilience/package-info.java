/**
 * Protection for calls to remote endpoints that the customer waits on (the model, the business's look-up API): the
 * {@link dev.baton.core.resilience.CircuitBreaker}. Shared by the agent and the look-ups, so neither depends on the
 * other for it.
 */
package dev.baton.core.resilience;
