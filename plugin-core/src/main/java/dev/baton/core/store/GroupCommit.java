package dev.baton.core.store;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Waits until a write that started after the call has finished, and lets the callers that wait at the same time share
 * one write (group commit). The write is an H2 {@code CHECKPOINT} ({@link H2Checkpoint}) or an append to the
 * {@link AckJournal}.
 *
 * <p>Why: one write per caller is what makes durable commits expensive (H2's own {@code WRITE_DELAY=0} writes a new
 * chunk of its copy-on-write file per commit: measured on this project's workload, a third of the commit rate and a
 * file that grew to gigabytes within a minute). Here one write covers every caller that had arrived when it started;
 * callers that arrive while it runs are covered by the next one, started as soon as it returns. So at most two writes
 * are between a caller's arrival and its return, and under load one write serves many callers.
 *
 * <p>The caller must have committed (or buffered) what is to be written before calling {@link #await}. Thread-safe.
 */
final class GroupCommit {

    /** Writes everything committed (or buffered) so far to the file. */
    @FunctionalInterface
    interface Flush {
        void run() throws IOException, SQLException;
    }

    private final Flush flush;
    private final Object lock = new Object();
    private long requested;
    private long flushed;
    private boolean flushing;
    private long flushes;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /**
     * Returns once a write that started after this call has finished, hence after the caller's commit. Throws
     * {@link StoreException} if that write fails or the thread is interrupted: the commit may then not survive a crash,
     * so whatever it was for must not be acknowledged.
     */
    void await() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long upTo;
            synchronized (lock) {
                while (flushing && flushed < ticket) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreException(new SQLException("interrupted while the commit was being written", e));
                    }
                }
                if (flushed >= ticket) {
                    return;
                }
                flushing = true;
                upTo = requested; // every ticket taken so far belongs to a commit that has finished
            }
            boolean written = false;
            try {
                flush.run();
                written = true;
            } catch (SQLException e) {
                throw new StoreException(e);
            } catch (IOException e) {
                throw new StoreException("could not write: " + e.getMessage(), e);
            } finally {
                synchronized (lock) {
                    if (written) {
                        flushed = upTo;
                        flushes++;
                    }
                    flushing = false;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Writes done so far (for tests and the benchmark's report). */
    long flushes() {
        synchronized (lock) {
            return flushes;
        }
    }

    /** Commits that asked so far. */
    long requests() {
        synchronized (lock) {
            return requested;
        }
    }
}
