package dev.baton.core.engine;

import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.ConversationEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.cluster.Cluster;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.core.store.InboundLog;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The engine as adapters see it: the {@link dev.baton.core.channel.InboundSink} every channel gets, and the
 * {@link PassiveReplies} capability of the channels that declare they need it. It stores each inbound message in the inbound log (dedup and
 * durability) before the platform is acked, then runs it on the customer's serial lane. Unfinished rows are found
 * again at start-up and by a periodic sweep, so a crash or a full executor loses nothing.
 *
 * <p>With several instances on one database ({@link Cluster#enabled()}) it also keeps this instance's leases alive
 * (a heartbeat), lets replies held by a passive caller be seen by every instance, sends replies whose sender died
 * again once their claim expired, runs the purge of processed rows on one instance at a time, and can
 * {@linkplain #drain() drain}: claim nothing new, finish what runs, and let the others take the rest.
 */
public final class Engine implements PassiveReplies, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final Store store;
    private final Dispatcher dispatcher;
    private final OutboxWorker outbox;
    private final EngineSettings settings;
    private final EngineMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConversationEvents events;
    private final HeldReplies held;
    private final CustomerView view;
    private final Cluster cluster;
    private ScheduledFuture<?> sweep;
    private ScheduledFuture<?> heartbeat;
    /** The recovery sweep also purges processed inbound rows, at most this often (unless a purge was cut short). */
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final int PURGE_BATCH = 5_000;
    private static final int PURGE_MAX_BATCHES = 100;
    private volatile Instant nextPurge = Instant.MIN;

    Engine(Store store, Dispatcher dispatcher, OutboxWorker outbox, EngineSettings settings, EngineMetrics metrics,
           ObjectMapper json, Clock clock, ScheduledExecutorService scheduler, ConversationEvents events,
           HeldReplies held, CustomerView view, Cluster cluster) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
        this.held = held;
        this.view = view;
        this.cluster = cluster;
        metrics.laneDepth(dispatcher::queued);
    }

    /** Resumes unfinished inbound and outbox rows, then starts the periodic recovery sweep (and the heartbeat). */
    public void start() {
        if (cluster.enabled()) {
            long beat = cluster.heartbeatEvery().toMillis();
            cluster.heartbeat();
            heartbeat = scheduler.scheduleWithFixedDelay(cluster::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        }
        outbox.start();
        int resumed = dispatcher.resumePending();
        if (resumed > 0) {
            log.info("resumed {} unfinished inbound message(s)", resumed);
        }
        long every = settings.recoveryInterval().toMillis();
        sweep = scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public List<Receipt> accept(List<InboundMessage> messages) {
        return accept(messages, false);
    }

    @Override
    public List<Receipt> acceptHeld(List<InboundMessage> messages) {
        return accept(messages, true);
    }

    /** Replies of an inbound message stay held this long at most, even if nobody comes to claim them. */
    public static final Duration HOLD = HeldReplies.HOLD;

    private List<Receipt> accept(List<InboundMessage> messages, boolean hold) {
        List<InboundLog.Insert> inserts = store.db().inTransaction(c -> {
            List<InboundLog.Insert> out = new ArrayList<>();
            for (InboundMessage m : messages) {
                InboundLog.Insert ins = store.inbound().insert(c, m.channel(), m.platformMessageId(), m.customerId(),
                        EngineJson.write(json, m), clock.instant());
                if (hold && cluster.enabled()) {
                    store.inbound().hold(c, ins.id(), clock.instant().plus(HOLD)); // for every instance's outbox
                }
                out.add(ins);
            }
            return out;
        });
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            InboundMessage m = messages.get(i);
            InboundLog.Insert ins = inserts.get(i);
            metrics.inbound(m.channel(), ins.duplicate());
            if (hold) {
                held.hold(ins.id());
            }
            if (!ins.duplicate()) {
                dispatcher.schedule(ins.id(), m.channel(), m.customerId());
            }
            receipts.add(new Receipt(ins.id(), ins.duplicate()));
        }
        return receipts;
    }

    /**
     * Records a platform's delivery status. One that names a reply whose send was cut short (its outbox reference)
     * confirms it: the reply is SENT and will not be sent again, and the customer's later replies may go.
     */
    @Override
    public void deliveryStatus(DeliveryStatus status) {
        store.db().inTransaction(c -> store.outbox().applyStatus(c, status, clock.instant()))
                .ifPresent(applied -> {
                    Outbox.Row row = applied.row();
                    if (applied.confirmed()) {
                        log.info("conversation {}: outbox {} ({}) confirmed by the platform's {} status ({}); not "
                                + "sent again", row.conversationId(), row.id(), applied.confirmedFrom() == Outbox.Status
                                .SENDING ? "its sender had not recorded it" : "in doubt or waiting for a retry",
                                status.state(), status.platformMessageId());
                        metrics.outbound(row.channel(), "confirmed");
                        events.changed(row.conversationId(), ConversationEvents.Kind.DELIVERY);
                        outbox.wake();
                    }
                    if (status.state() == DeliveryStatus.State.FAILED) {
                        log.warn("conversation {}: {} reported delivery failure of outbox {}: {}", row.conversationId(),
                                status.channel().key(), row.id(), status.errorCode());
                        events.changed(row.conversationId(), ConversationEvents.Kind.DELIVERY);
                    }
                });
    }

    @Override
    public Claimed awaitReplies(long inboundId, Duration timeout) {
        held.hold(inboundId);
        if (cluster.enabled()) {
            store.db().withConnection(c -> {
                store.inbound().hold(c, inboundId, clock.instant().plus(HOLD));
                return null;
            });
        }
        try {
            boolean complete = dispatcher.awaitProcessed(inboundId, timeout);
            List<Outbox.Row> rows = store.db().inTransaction(c -> store.outbox().claimForInbound(c, inboundId,
                    clock.instant()));
            return new Claimed(texts(rows), complete);
        } finally {
            held.release(inboundId);
            if (cluster.enabled()) {
                store.db().withConnection(c -> {
                    store.inbound().unhold(c, inboundId);
                    return null;
                });
            }
            outbox.wake();
        }
    }

    @Override
    public Claimed claimPending(Channel channel, String customerId) {
        List<Outbox.Row> rows = store.db().inTransaction(c -> store.outbox().claimForCustomer(c, channel, customerId,
                clock.instant()));
        return new Claimed(texts(rows), true);
    }

    @Override
    public Turn awaitTurn(long inboundId, Duration timeout) {
        if (!dispatcher.awaitProcessed(inboundId, timeout)) {
            return new Turn(false, List.of());
        }
        return new Turn(true, replies(store.db().withConnection(c -> store.outbox().forInbound(c, inboundId))));
    }

    @Override
    public List<Reply> repliesAfter(Channel channel, String customerId, long afterId) {
        return replies(store.db().withConnection(c -> store.outbox().forCustomerAfter(c, channel, customerId,
                afterId)));
    }

    @Override
    public Optional<ConversationStatus> conversation(Channel channel, String customerId) {
        return view.conversation(channel, customerId);
    }

    @Override
    public List<Line> transcript(Channel channel, String customerId, long afterId, int limit) {
        return view.transcript(channel, customerId, afterId, limit);
    }

    @Override
    public void alert(Channel channel, String code, String message) {
        metrics.alert(channel, code);
        log.error("channel {} alert {}: {}", channel.key(), code, message);
    }

    /**
     * Waits until the inbound message is processed and returns every reply it produced, without claiming them (the
     * dev channel, whose sender records rather than sends). Empty when not processed within the timeout.
     */
    public List<Outbox.Row> repliesFor(long inboundId, Duration timeout) {
        if (!dispatcher.awaitProcessed(inboundId, timeout)) {
            return List.of();
        }
        return store.db().withConnection(c -> store.outbox().forInbound(c, inboundId));
    }

    /** Waits until the inbound row is no longer PENDING. */
    public boolean awaitProcessed(long inboundId, Duration timeout) {
        return dispatcher.awaitProcessed(inboundId, timeout);
    }

    /** Reads the text of an outbox row's content. */
    public String text(Outbox.Row row) {
        return EngineJson.read(json, row.content(), OutboundMessage.OutboundContent.class).text();
    }

    public int queued() {
        return dispatcher.queued();
    }

    /**
     * With several instances: claims no new message or reply from now on and hands the cluster-wide jobs over;
     * turns and sends in progress finish, and every other instance takes what is left. Not undone until the process
     * stops. With one instance it only stops new claims (its work waits for its next start).
     */
    public void drain() {
        cluster.drain();
    }

    /** Whether this instance claims new work (not draining, and its leases are renewed). */
    public boolean claiming() {
        return cluster.mayClaim();
    }

    /**
     * Graceful stop: no new work, the lanes drain (up to {@code timeout}), the outbox sends what is due. With several
     * instances, messages waiting in this instance's lanes are not started (the others take them) and the leases
     * still held are given back at the end.
     */
    public void shutdown(Duration timeout) {
        if (sweep != null) {
            sweep.cancel(false);
        }
        if (cluster.enabled()) {
            cluster.drain();
        }
        dispatcher.shutdown(timeout);
        outbox.close();
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        cluster.releaseAll();
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }

    private List<String> texts(List<Outbox.Row> rows) {
        return rows.stream().map(this::text).toList();
    }

    private List<Reply> replies(List<Outbox.Row> rows) {
        return rows.stream().map(r -> new Reply(r.id(), OutboundMessage.Author.valueOf(r.author()), text(r))).toList();
    }

    /** The inbound part of the recovery sweep, as the scheduler runs it; returns how many rows it looked at. */
    int sweepInbound() {
        return dispatcher.sweep();
    }

    private void sweepQuietly() {
        try {
            dispatcher.sweep();
            if (store.db().inTransaction(c -> store.outbox().releaseReopened(c, clock.instant())) > 0) {
                outbox.wake();
            }
            if (cluster.enabled() && cluster.mayClaim()) {
                if (outbox.releaseExpiredClaims() > 0) {
                    outbox.wake();
                }
            }
        } catch (RuntimeException e) {
            log.warn("recovery sweep failed: {}", e.toString());
        }
        if (!clock.instant().isBefore(nextPurge) && cluster.runsJob("inbound-purge")) {
            try {
                nextPurge = clock.instant().plus(purgeProcessed() == PURGE_BATCH * PURGE_MAX_BATCHES
                        ? Duration.ZERO : PURGE_EVERY);
            } catch (RuntimeException e) {
                nextPurge = clock.instant().plus(PURGE_EVERY);
                log.warn("purge of processed inbound rows failed: {}", e.toString());
            }
        }
    }

    /**
     * Deletes the inbound rows processed longer than {@code inbound-retention} ago, in batches of one transaction
     * each, and returns how many (at most {@value #PURGE_MAX_BATCHES} batches per call; the next sweep goes on). Runs
     * in the recovery sweep; without it the duplicate guard, and the unique index every ack pays for, grow forever.
     */
    public int purgeProcessed() {
        Instant cutoff = clock.instant().minus(settings.inboundRetention());
        int total = 0;
        for (int i = 0; i < PURGE_MAX_BATCHES; i++) {
            int n = store.db().inTransaction(c -> store.inbound().purgeDone(c, cutoff, PURGE_BATCH));
            total += n;
            if (n < PURGE_BATCH) {
                break;
            }
        }
        if (total > 0) {
            metrics.inboundPurged(total);
            log.info("deleted {} inbound row(s) processed before {}", total, cutoff);
        }
        return total;
    }
}
