package dev.baton.web.live;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a visitor's open streams that something was written for them (the sender saw a reply), so they read the
 * transcript at once instead of at their next poll. Only a hint: a stream also polls, which covers what no sender
 * call announces (an agent claiming the conversation) and replies written by another Baton instance.
 */
public final class Wakeups {

    private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();

    /** Wakes every stream waiting for this customer. */
    public void wake(String customerId) {
        Signal s = signals.get(customerId);
        if (s != null) {
            s.fire();
        }
    }

    /** The current generation of this customer's signal; pass it to {@link #await}. */
    public long generation(String customerId) {
        return signal(customerId).generation();
    }

    /**
     * Waits until this customer is woken after {@code generation}, or {@code timeout} passes; true when woken.
     *
     * @throws InterruptedException when the server stops the stream's thread
     */
    public boolean await(String customerId, long generation, Duration timeout) throws InterruptedException {
        return signal(customerId).await(generation, timeout);
    }

    /** Forgets a customer's signal once no stream waits on it. */
    public void release(String customerId) {
        signals.computeIfPresent(customerId, (k, s) -> s.waiters() == 0 ? null : s);
    }

    private Signal signal(String customerId) {
        return signals.computeIfAbsent(customerId, k -> new Signal());
    }

    private static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long generation;
        private int waiters;

        long generation() {
            lock.lock();
            try {
                return generation;
            } finally {
                lock.unlock();
            }
        }

        int waiters() {
            lock.lock();
            try {
                return waiters;
            } finally {
                lock.unlock();
            }
        }

        void fire() {
            lock.lock();
            try {
                generation++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        boolean await(long seen, Duration timeout) throws InterruptedException {
            lock.lock();
            waiters++;
            try {
                long nanos = timeout.toNanos();
                while (generation == seen && nanos > 0) {
                    nanos = changed.awaitNanos(nanos);
                }
                return generation != seen;
            } finally {
                waiters--;
                lock.unlock();
            }
        }
    }
}
