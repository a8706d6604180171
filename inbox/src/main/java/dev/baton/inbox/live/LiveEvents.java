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
 */
public final class LiveEvents implements ConversationEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Executor sender;

    /** @param sender sends the events, in order: a single thread with a bounded queue */
    public LiveEvents(Executor sender) {
        this.sender = sender;
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

    @Override
    public void changed(long conversationId, Kind kind) {
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
