package dev.baton.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The runtime's own thread pools: named daemon threads, bounded queues (a full queue refuses work, never grows). */
final class Threads {

    private Threads() {
    }

    static ExecutorService bounded(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** One named daemon thread for the inbox's jobs (queue timeouts, position updates, sweeps, webhook posts). */
    static ScheduledExecutorService inboxScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-inbox");
            t.setDaemon(true);
            return t;
        });
    }
}
