package dev.baton.web.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds the open streams: each holds a server thread for its whole life, so there are at most {@code max} of them,
 * and one visitor (however many tabs) holds at most {@code perVisitor}. Thread-safe.
 */
public final class StreamSlots {

    private final int max;
    private final int perVisitor;
    private final Map<String, Integer> byVisitor = new HashMap<>();
    private int open;

    public StreamSlots(int max, int perVisitor) {
        this.max = max;
        this.perVisitor = perVisitor;
    }

    /** A slot for this visitor, to close when the stream ends; empty when the server or the visitor is at the bound. */
    public synchronized Optional<Slot> acquire(String customerId) {
        int mine = byVisitor.getOrDefault(customerId, 0);
        if (open >= max || mine >= perVisitor) {
            return Optional.empty();
        }
        open++;
        byVisitor.put(customerId, mine + 1);
        return Optional.of(new Slot(customerId));
    }

    /** Streams open now (a gauge). */
    public synchronized int open() {
        return open;
    }

    private synchronized void release(String customerId) {
        open--;
        byVisitor.computeIfPresent(customerId, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** One open stream; closing it twice releases it once. */
    public final class Slot implements AutoCloseable {
        private final String customerId;
        private boolean closed;

        private Slot(String customerId) {
            this.customerId = customerId;
        }

        @Override
        public void close() {
            synchronized (StreamSlots.this) {
                if (!closed) {
                    closed = true;
                    release(customerId);
                }
            }
        }
    }
}
