package dev.baton.core.conversation;

import dev.baton.core.channel.Channel;

import java.time.Instant;

/**
 * The ongoing conversation with one customer. There is one per customer; its state cycles
 * BOT → QUEUED → HUMAN → BOT, and handoff tickets record each episode with a human.
 *
 * @param lastCustomerMessageAt when the customer last wrote (reply windows are counted from it)
 * @param windowNote            the last reply-window or quota problem the channel reported, shown to agents
 */
public record Conversation(long id, long customerId, Channel channel, String channelAccount,
                           ConversationState state, String assignee, String group, int priority, int botTurns,
                           Instant lastCustomerMessageAt, String windowNote, Instant createdAt, Instant updatedAt) {
}
