package dev.baton.core.engine;

import dev.baton.core.store.InboundLog;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs stored inbound messages, one serial {@link Lanes lane} per conversation: a message becomes a turn
 * ({@link TurnProcessor#process}), its replies are handed to the {@link OutboxWorker}, whoever waits for the message
 * is released, and then the turn's after-commit work runs. A message that fails is counted in the inbound log and
 * tried again by the recovery sweep ({@link #resumePending}) until it is FAILED.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Store store;
    private final Lanes lanes;
    private final TurnProcessor turns;
    private final OutboxWorker outbox;
    private final EngineSettings settings;
    private final Clock clock;
    private final Set<Long> scheduled = ConcurrentHashMap.newKeySet();
    private final Map<Long, CompletableFuture<Void>> completions = new ConcurrentHashMap<>();
    /** Something was left in the inbound log for the sweep (lanes full, a failed attempt). */
    private final AtomicBoolean missed = new AtomicBoolean(true);
    private volatile Instant lastFullSweep = Instant.MIN;
    private volatile boolean stopping;

    /** The sweep reads the whole pending list at least this often even when nothing was left behind. */
    static final Duration FULL_SWEEP_EVERY = Duration.ofMinutes(1);

    Dispatcher(Store store, Lanes lanes, TurnProcessor turns, OutboxWorker outbox, EngineSettings settings,
               Clock clock) {
        this.store = store;
        this.lanes = lanes;
        this.turns = turns;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** Puts the message on its conversation's lane, unless it is there already or the lanes are full. */
    void schedule(long inboundId, String laneKey) {
        if (!scheduled.add(inboundId)) {
            return;
        }
        boolean accepted = lanes.submit(laneKey, () -> run(inboundId));
        if (!accepted) {
            missed.set(true);
            scheduled.remove(inboundId);
            log.debug("inbound {} deferred: lanes are full; the recovery sweep will pick it up", inboundId);
        }
    }

    /** Schedules every PENDING message of the inbound log (start-up and the recovery sweep); returns how many. */
    int resumePending() {
        missed.set(false);
        lastFullSweep = clock.instant();
        List<InboundLog.Row> pending = store.db().withConnection(c -> store.inbound().pending(c, 10_000));
        for (InboundLog.Row r : pending) {
            schedule(r.id(), laneKey(r.channel().key(), r.customerId()));
        }
        return pending.size();
    }

    /**
     * The recovery sweep: reads the inbound log again only when this process left something behind since the last
     * look (lanes were full, a turn failed and waits for its next attempt), and otherwise at least every
     * {@link #FULL_SWEEP_EVERY} for what no event here could announce. Reading up to 10,000 pending rows every few
     * seconds while they all sit on the lanes already (a burst) took CPU from the acks and the turns themselves.
     */
    int sweep() {
        if (!missed.get() && clock.instant().isBefore(lastFullSweep.plus(FULL_SWEEP_EVERY))) {
            return 0;
        }
        return resumePending();
    }

    /** Waits until the inbound row is no longer PENDING. */
    boolean awaitProcessed(long inboundId, Duration timeout) {
        CompletableFuture<Void> done = completions.computeIfAbsent(inboundId, id -> new CompletableFuture<>());
        if (!isPending(inboundId)) {
            completions.remove(inboundId);
            return true;
        }
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !isPending(inboundId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** Messages waiting or running in the lanes. */
    int queued() {
        return lanes.queued();
    }

    /** No new work; the lanes drain for up to {@code timeout}, then what has not started is left to the next start. */
    void shutdown(Duration timeout) {
        stopping = true;
        try {
            if (!lanes.drain(timeout)) {
                int left = lanes.queued();
                int dropped = lanes.abandon(Duration.ofSeconds(5));
                log.warn("{} message(s) still in lanes at shutdown ({} not started); they stay in the inbound log and "
                        + "resume at start-up", left, dropped);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String laneKey(String channelKey, String customerId) {
        return channelKey + ":" + customerId;
    }

    private void run(long inboundId) {
        boolean finished = false;
        Optional<TurnProcessor.Committed> turn = Optional.empty();
        try {
            turn = turns.process(inboundId);
            finished = true; // processed now, or already processed before: the row is no longer PENDING
        } catch (RuntimeException e) {
            if (stopping) {
                // the store may be closing under us: the row stays PENDING and resumes at start-up
                log.debug("inbound {} interrupted by shutdown: {}", inboundId, e.toString());
                return;
            }
            log.warn("inbound {} failed: {}", inboundId, e.toString());
            missed.set(true);
            store.db().inTransaction(c -> {
                store.inbound().markAttemptFailed(c, inboundId, e.toString(), settings.inboundMaxAttempts(),
                        clock.instant());
                return null;
            });
        } finally {
            scheduled.remove(inboundId);
            if (turn.map(t -> t.replies() > 0).orElse(false)) {
                outbox.wake();
            }
            CompletableFuture<Void> done = completions.remove(inboundId);
            if (done != null && (finished || (!stopping && !isPending(inboundId)))) {
                done.complete(null);
            } else if (done != null) {
                completions.put(inboundId, done);
            }
        }
        // the replies may go and the waiting callers are released; now tell the others (inbox, model summary)
        turn.ifPresent(turns::afterCommit);
    }

    private boolean isPending(long inboundId) {
        return store.db().withConnection(c -> store.inbound().byId(c, inboundId))
                .map(r -> r.status() == InboundLog.Status.PENDING).orElse(false);
    }
}
