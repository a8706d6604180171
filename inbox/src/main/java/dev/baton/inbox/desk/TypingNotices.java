package dev.baton.inbox.desk;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.TypingIndicator;
import dev.baton.core.cluster.ClusterEvents;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tells the customer that their agent is typing (the web widget's "ann is typing…"), when the conversation's channel
 * can show it ({@link TypingIndicator}). Only for the agent who holds the conversation: nobody else's typing is
 * announced, and nothing while the conversation is queued (the customer would be told a name before anyone claimed
 * it). At most one notice per conversation every {@link #EVERY}, whatever the pages send.
 *
 * <p>With several instances the customer's connection (the web widget's) may be open on another instance than the
 * agent's browser: each notice also goes to the others ({@code elsewhere}, over {@link ClusterEvents}), which hand it
 * to their own channel ({@link #fromElsewhere}).
 */
public final class TypingNotices {

    /** The least time between two notices for one conversation. */
    public static final Duration EVERY = Duration.ofSeconds(2);
    private static final int MAX_REMEMBERED = 10_000;

    /** Whether a notice went to the channel. */
    public record Sent(boolean sent) {
    }

    private final Store store;
    private final Function<Channel, TypingIndicator> channels;
    private final Clock clock;
    private final ClusterEvents.Typing elsewhere;
    private final ConcurrentHashMap<Long, Instant> last = new ConcurrentHashMap<>();

    /** @param channels each channel's typing indicator, or null for a channel that cannot show one */
    public TypingNotices(Store store, Function<Channel, TypingIndicator> channels, Clock clock) {
        this(store, channels, clock, (channel, customer, agent) -> { });
    }

    /** @param elsewhere takes each notice to the other instances too (quick, never throws) */
    public TypingNotices(Store store, Function<Channel, TypingIndicator> channels, Clock clock,
                         ClusterEvents.Typing elsewhere) {
        this.store = store;
        this.channels = channels;
        this.clock = clock;
        this.elsewhere = elsewhere;
    }

    /** A notice another instance sent (its agent, a customer who may be connected here): to this channel's customer. */
    public void fromElsewhere(Channel channel, String customerId, String agentName) {
        TypingIndicator indicator = channels.apply(channel);
        if (indicator != null) {
            indicator.agentTyping(customerId, agentName);
        }
    }

    /** {@code p} is typing a reply in conversation {@code conversationId}. */
    public Sent typing(Principal p, long conversationId) {
        record Target(Conversation conv, Customer customer) {
        }
        Target t = store.db().withConnection(c -> {
            Conversation conv = store.conversations().byId(c, conversationId)
                    .orElseThrow(() -> Refusal.notFound("no conversation " + conversationId));
            return new Target(conv, store.customers().byId(c, conv.customerId()).orElseThrow());
        });
        if (t.conv().state() != ConversationState.HUMAN || !p.name().equals(t.conv().assignee())) {
            return new Sent(false);
        }
        TypingIndicator indicator = channels.apply(t.conv().channel());
        if (indicator == null || !due(conversationId)) {
            return new Sent(false);
        }
        indicator.agentTyping(t.customer().platformId(), p.name());
        elsewhere.agentTyping(t.conv().channel(), t.customer().platformId(), p.name());
        return new Sent(true);
    }

    private boolean due(long conversationId) {
        Instant now = clock.instant();
        if (last.size() >= MAX_REMEMBERED) {
            last.values().removeIf(at -> !at.plus(EVERY).isAfter(now));
        }
        boolean[] due = new boolean[1];
        last.compute(conversationId, (id, at) -> {
            due[0] = at == null || !at.plus(EVERY).isAfter(now);
            return due[0] ? now : at;
        });
        return due[0];
    }
}
