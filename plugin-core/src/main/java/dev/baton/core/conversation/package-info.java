/** Conversations, customers and messages, and the engine that carries one message from inbound log to outbox. */
package dev.baton.core.conversation;
