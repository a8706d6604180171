package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.cluster.Cluster;
import dev.baton.core.store.InboundLog;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
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
 *
 * <p>With several instances on one database ({@link Cluster#enabled()}), a message is processed only under its
 * lane's lease: the instance that holds it processes the lane's PENDING messages up to this one, oldest first, gives
 * the lease back, then looks once more for a message another instance stored meanwhile (that instance, finding the
 * lane taken, left it to the holder). An instance that does not get the lease leaves the message; messages that no
 * instance finished within a recovery interval are swept up by whichever instance looks next, one lane at a time.
 * The turn itself commits only if its message is still PENDING ({@link InboundLog#markDone}), so a message is
 * answered once even if a lease was lost mid-turn.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Store store;
    private final Lanes lanes;
    private final TurnProcessor turns;
    private final OutboxWorker outbox;
    private final EngineSettings settings;
    private final Clock clock;
    private final Cluster cluster;
    private final Set<Long> scheduled = ConcurrentHashMap.newKeySet();
    private final Map<Long, CompletableFuture<Void>> completions = new ConcurrentHashMap<>();
    /** Something was left in the inbound log for the sweep (lanes full, a failed attempt). */
    private final AtomicBoolean missed = new AtomicBoolean(true);
    private volatile Instant lastFullSweep = Instant.MIN;
    private volatile boolean stopping;

    /** The sweep reads the whole pending list at least this often even when nothing was left behind. */
    static final Duration FULL_SWEEP_EVERY = Duration.ofMinutes(1);
    /** How often a caller waiting for a message another instance may process looks at the inbound log. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LANE_BATCH = 100;

    Dispatcher(Store store, Lanes lanes, TurnProcessor turns, OutboxWorker outbox, EngineSettings settings,
               Clock clock, Cluster cluster) {
        this.store = store;
        this.lanes = lanes;
        this.turns = turns;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.cluster = cluster;
    }

    /** Puts the message on its conversation's lane, unless it is there already or the lanes are full. */
    void schedule(long inboundId, Channel channel, String customerId) {
        if (!scheduled.add(inboundId)) {
            return;
        }
        boolean accepted = lanes.submit(laneKey(channel.key(), customerId), () -> run(inboundId, channel,
                customerId));
        if (!accepted) {
            missed.set(true);
            scheduled.remove(inboundId);
            log.debug("inbound {} deferred: lanes are full; the recovery sweep will pick it up", inboundId);
        }
    }

    /**
     * Schedules the PENDING messages of the inbound log (start-up and the recovery sweep); returns how many. With one
     * instance, every one of them; with several, the oldest of each lane among those received more than a recovery
     * interval ago (the instance that stored a message gets the first chance at it, and a lane's later messages
     * follow from its first).
     */
    int resumePending() {
        if (!cluster.enabled()) {
            missed.set(false);
            lastFullSweep = clock.instant();
            List<InboundLog.Row> pending = store.db().withConnection(c -> store.inbound().pending(c, 10_000));
            for (InboundLog.Row r : pending) {
                schedule(r.id(), r.channel(), r.customerId());
            }
            return pending.size();
        }
        if (!cluster.mayClaim()) {
            return 0;
        }
        Instant before = clock.instant().minus(settings.recoveryInterval());
        List<InboundLog.Row> pending = store.db().withConnection(c -> store.inbound().pendingBefore(c, before,
                10_000));
        Set<String> lanesSeen = new HashSet<>();
        int n = 0;
        for (InboundLog.Row r : pending) {
            if (lanesSeen.add(laneKey(r.channel().key(), r.customerId()))) {
                schedule(r.id(), r.channel(), r.customerId());
                n++;
            }
        }
        return n;
    }

    /**
     * The recovery sweep. With one instance it reads the inbound log again only when this process left something
     * behind since the last look (lanes were full, a turn failed and waits for its next attempt), and otherwise at
     * least every {@link #FULL_SWEEP_EVERY} for what no event here could announce: reading up to 10,000 pending rows
     * every few seconds while they all sit on the lanes already (a burst) took CPU from the acks and the turns
     * themselves. With several instances it always looks: that is how an instance takes over another's work.
     */
    int sweep() {
        if (!cluster.enabled() && !missed.get() && clock.instant().isBefore(lastFullSweep.plus(FULL_SWEEP_EVERY))) {
            return 0;
        }
        return resumePending();
    }

    /**
     * Waits until the inbound row is no longer PENDING. With several instances another one may process it, so the
     * inbound log is looked at every {@link #POLL} too.
     */
    boolean awaitProcessed(long inboundId, Duration timeout) {
        CompletableFuture<Void> done = completions.computeIfAbsent(inboundId, id -> new CompletableFuture<>());
        if (!isPending(inboundId)) {
            completions.remove(inboundId);
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long step = cluster.enabled() ? POLL.toNanos() : timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    done.get(Math.max(0, Math.min(left, step)), TimeUnit.NANOSECONDS);
                    return true;
                } catch (TimeoutException e) {
                    if (!isPending(inboundId)) {
                        completions.remove(inboundId, done);
                        return true;
                    }
                    if (left <= step) {
                        return false;
                    }
                }
            }
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

    private void run(long inboundId, Channel channel, String customerId) {
        if (!cluster.enabled()) {
            runOne(inboundId);
            return;
        }
        String lease = Cluster.LANE + laneKey(channel.key(), customerId);
        if (stopping || !cluster.mayClaim() || !cluster.tryAcquire(lease)) {
            // the lane's holder takes this message after its own (it looks again before it lets go); if it dies, the
            // sweep of whichever instance looks next after its lease expired
            forget(inboundId);
            return;
        }
        long after = inboundId;
        try {
            List<InboundLog.Row> rows = store.db().withConnection(c -> store.inbound().pendingOfLane(c, channel,
                    customerId, inboundId, LANE_BATCH));
            for (InboundLog.Row r : rows) {
                runOne(r.id());
            }
            if (rows.size() == LANE_BATCH) {
                after = rows.get(rows.size() - 1).id();
            }
            if (rows.stream().noneMatch(r -> r.id() == inboundId)) {
                forget(inboundId); // processed by another instance meanwhile
            }
        } catch (RuntimeException e) {
            forget(inboundId);
            log.warn("lane of inbound {} failed: {}", inboundId, e.toString());
        } finally {
            cluster.release(lease);
        }
        long from = after;
        if (!stopping && cluster.mayClaim()) {
            store.db().withConnection(c -> store.inbound().nextPendingOfLane(c, channel, customerId, from))
                    .ifPresent(next -> schedule(next.id(), channel, customerId));
        }
    }

    /** The message is not run here after all: whoever waits for it learns so from the inbound log. */
    private void forget(long inboundId) {
        scheduled.remove(inboundId);
        CompletableFuture<Void> done = completions.get(inboundId);
        if (done != null && !isPending(inboundId)) {
            completions.remove(inboundId, done);
            done.complete(null);
        }
    }

    private void runOne(long inboundId) {
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
