package dev.baton.inbox.live;

import dev.baton.core.conversation.ConversationEvents;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Pushes "something changed" to every open inbox page over SSE (event {@code change}, data
 * {@code {"conversationId":…,"kind":"MESSAGE|STATE|TICKET|DELIVERY"}}); pages then fetch what they show. Engine
 * threads only enqueue: sending happens on one bounded, named thread, and a full queue drops the event (the pages
 * also refresh on a timer).
 */
public final class LiveEvents implements ConversationEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "baton-sse");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

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
            log.debug("SSE event dropped (shutting down)");
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
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
