/**
 * The domain records of a conversation: customers, conversations and their states, messages and authors, the typed
 * {@link dev.baton.core.conversation.TurnSignals} of a turn, handoff reasons and the ticket a human receives. Records
 * and enums only; the flow that uses them lives in {@code dev.baton.core.engine}, their storage in {@code
 * dev.baton.core.store}.
 */
package dev.baton.core.conversation;
