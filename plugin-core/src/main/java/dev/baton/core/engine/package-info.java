/**
 * The flow that turns one stored inbound message into replies, in one direction only: {@link
 * dev.baton.core.engine.Engine} (the {@link dev.baton.core.channel.InboundSink} every adapter gets) stores the message
 * in the inbound log before the platform is acknowledged, the {@code Dispatcher} runs it on the conversation's serial
 * lane, the {@link dev.baton.core.engine.TurnProcessor} plans the turn ({@code TurnPlanner}: triage signals, the
 * handoff policy's one decision, the agent's answer) and commits it with its outbox rows, and the {@code
 * OutboxWorker} delivers them. Nothing here calls back up into an adapter or the app; a handoff is handed to {@link
 * dev.baton.core.handoff.HandoffService}, which routes and stores the ticket in the same transaction.
 */
package dev.baton.core.engine;
