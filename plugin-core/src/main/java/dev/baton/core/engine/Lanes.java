package dev.baton.core.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One serial lane per conversation on a shared, bounded executor: messages of one customer are processed in
 * order and never concurrently (LangChain4j chat memory is not thread-safe), while different customers proceed
 * in parallel. A lane holds no thread while idle.
 *
 * <p>{@link #submit} returns false when the executor refuses work (its queue is full or it is shutting down); the
 * caller leaves the message in the inbound log, where the recovery sweep finds it again.
 */
public final class Lanes {

    private static final int BATCH = 16;

    private final Executor executor;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean accepting = true;
    private volatile boolean abandoned;

    public Lanes(Executor executor) {
        this.executor = executor;
    }

    public boolean submit(String key, Runnable task) {
        if (!accepting) {
            return false;
        }
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            synchronized (lane) {
                if (lane.retired) {
                    continue; // lost a race with the lane's removal: take a fresh one
                }
                lane.tasks.add(task);
                queued.incrementAndGet();
                if (!lane.running) {
                    lane.running = true;
                    try {
                        executor.execute(() -> run(key, lane));
                    } catch (RejectedExecutionException e) {
                        lane.tasks.removeLast();
                        queued.decrementAndGet();
                        lane.running = false;
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** Tasks waiting or running across all lanes. */
    public int queued() {
        return queued.get();
    }

    public int activeLanes() {
        return lanes.size();
    }

    /** Stops accepting work and waits up to {@code timeout} for the queued tasks to finish. */
    public boolean drain(Duration timeout) throws InterruptedException {
        accepting = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return queued.get() == 0;
    }

    /**
     * After a {@link #drain} that timed out: drops every task that has not started (the caller's durable log still
     * has them) and waits up to {@code grace} for the running ones. Returns the number of tasks dropped.
     */
    public int abandon(Duration grace) throws InterruptedException {
        accepting = false;
        abandoned = true;
        int dropped = 0;
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                dropped += lane.tasks.size();
                queued.addAndGet(-lane.tasks.size());
                lane.tasks.clear();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (queued.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return dropped;
    }

    private void run(String key, Lane lane) {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (lane) {
                task = abandoned ? null : lane.tasks.pollFirst();
                if (task == null) {
                    lane.running = false;
                    lane.retired = true;
                    lanes.remove(key, lane);
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // the task logs its own failure; the lane goes on with the next message
            } finally {
                queued.decrementAndGet();
            }
        }
        // yield the thread to other lanes, then continue
        try {
            executor.execute(() -> run(key, lane));
        } catch (RejectedExecutionException e) {
            run(key, lane);
        }
    }

    private static final class Lane {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        boolean running;
        boolean retired;
    }
}
