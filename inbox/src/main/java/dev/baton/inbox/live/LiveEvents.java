package dev.baton.inbox.live;

import dev.baton.core.conversation.ConversationEvents;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Pushes "something changed" to every open inbox page over SSE (event {@code change}, data
 * {@code {"conversationId":…,"kind":"MESSAGE|STATE|TICKET|DELIVERY"}}); pages then fetch what they show. Engine
 * threads only enqueue: sending happens on the injected executor (the composition root's: one bounded, named
 * thread), and an event it refuses (queue full, shutting down) is dropped; the pages also refresh on a timer.
 *
 * <p>With several Baton instances, an agent's page is connected to one of them: each event of this instance also goes
 * to the {@code relay} (the other instances, e.g. {@link dev.baton.core.cluster.ClusterEvents}), and the events the
 * relay brings from the others reach this instance's pages through {@link #changedElsewhere}.
 */
public final class LiveEvents implements ConversationEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Executor sender;
    private final ConversationEvents relay;
    private volatile dev.baton.core.cluster.ClusterEvents.Typing typingRelay = (ch, customer, agent) -> { };
    private volatile dev.baton.core.cluster.ClusterEvents.Typing typingHere = (ch, customer, agent) -> { };

    /** @param sender sends the events, in order: a single thread with a bounded queue */
    public LiveEvents(Executor sender) {
        this(sender, ConversationEvents.none());
    }

    /**
     * @param sender sends the events, in order: a single thread with a bounded queue
     * @param relay  takes this instance's events to the other instances (quick, never throws)
     */
    public LiveEvents(Executor sender, ConversationEvents relay) {
        this.sender = sender;
        this.relay = relay;
    }

    /** Registers a browser connection until it closes. */
    public void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("hello", "{}");
    }

    public int clients() {
        return clients.size();
    }

    /** A change made on this instance: pushed to this instance's pages and relayed to the others. */
    @Override
    public void changed(long conversationId, Kind kind) {
        push(conversationId, kind);
        relay.changed(conversationId, kind);
    }

    /**
     * Typing notices between instances: {@code toOthers} takes this instance's to the others (set where the relay is
     * made); what the others send comes in through {@link #typingElsewhere} and goes to {@code here}.
     */
    public void relayTyping(dev.baton.core.cluster.ClusterEvents.Typing toOthers) {
        this.typingRelay = toOthers;
    }

    /** Where typing notices of the other instances go on this one (the inbox's typing notices). */
    public void onTypingElsewhere(dev.baton.core.cluster.ClusterEvents.Typing here) {
        this.typingHere = here;
    }

    /** An agent on this instance is typing: the other instances are told. */
    public void typing(dev.baton.core.channel.Channel channel, String customerId, String agentName) {
        typingRelay.agentTyping(channel, customerId, agentName);
    }

    /** An agent on another instance is typing. */
    public void typingElsewhere(dev.baton.core.channel.Channel channel, String customerId, String agentName) {
        typingHere.agentTyping(channel, customerId, agentName);
    }

    /** A change another instance made: pushed to this instance's pages only. */
    public void changedElsewhere(long conversationId, Kind kind) {
        push(conversationId, kind);
    }

    private void push(long conversationId, Kind kind) {
        String data = "{\"conversationId\":" + conversationId + ",\"kind\":\"" + kind.name() + "\"}";
        try {
            sender.execute(() -> {
                for (SseClient c : clients) {
                    try {
                        c.sendEvent("change", data);
                    } catch (RuntimeException e) {
                        clients.remove(c);
                        log.debug("SSE client dropped: {}", e.toString());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("SSE event dropped (queue full or shutting down)");
        }
    }

    /** Closes the open connections (the executor is its owner's to shut down). */
    @Override
    public void close() {
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the connection is gone anyway
            }
        }
        clients.clear();
    }
}
