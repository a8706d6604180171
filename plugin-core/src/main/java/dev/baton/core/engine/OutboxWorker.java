package dev.baton.core.engine;

import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.Conversation;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.cluster.Cluster;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers stored replies through the channel's {@link Sender}, in order per conversation, with exponential
 * backoff on transient failures. After the last attempt a row is DEAD: logged at WARN and listed by the API.
 * Rows caught mid-send by a crash are retried at start-up. Replies of an inbound message that a passive caller is
 * waiting for ({@code held}) are left to that caller.
 *
 * <p>With several instances on one database ({@link Cluster#enabled()}) every instance's worker sends: a row is
 * claimed for one attempt by one instance, until the end of a lease its heartbeat renews, and only when no earlier
 * reply to the same customer is in flight or due ({@link Outbox#claimInOrder}); replies held by a passive caller on
 * any instance are left alone; a row whose sender died is sent again once its claim expired
 * ({@link Outbox#releaseExpiredClaims}, in the engine's sweep). A draining instance claims nothing.
 *
 * <p>A reply cut short that way (or left SENDING by a single instance's crash) may have reached the customer: its
 * sender died between the platform's request and the SENT mark. On a channel whose sender
 * {@linkplain Sender#confirmsDeliveries() confirms deliveries} it is <em>in doubt</em> for {@link RetryPolicy#confirmGrace}
 * instead of being sent again at once: the platform's status naming it marks it SENT meanwhile
 * ({@link Engine#deliveryStatus}); without one it is sent again (a reply lost is worse than a reply twice). The
 * customer's later replies wait behind it.
 */
public final class OutboxWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    /**
     * Retry schedule: attempt n waits {@code base * 2^(n-1)}, capped at {@code max}. {@code confirmGrace}: how long a
     * reply cut short mid-send waits for the platform's confirmation before it is sent again (channels that confirm).
     */
    public record RetryPolicy(int maxAttempts, Duration base, Duration max, Duration confirmGrace) {
        /** Default {@link #confirmGrace}: WhatsApp's "sent" status usually follows a send within seconds. */
        public static final Duration CONFIRM_GRACE = Duration.ofSeconds(60);

        public RetryPolicy(int maxAttempts, Duration base, Duration max) {
            this(maxAttempts, base, max, CONFIRM_GRACE);
        }

        public static RetryPolicy defaults() {
            return new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5));
        }

        Duration delayAfter(int attempts) {
            long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
            Duration d = base.multipliedBy(factor);
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    private final Store store;
    private final Map<Channel, Sender> senders;
    /** Channels whose platform confirms each send with a status naming the outbox row. */
    private final Set<Channel> confirming;
    private final RetryPolicy retry;
    private final EngineMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConversationEvents events;
    private final HeldReplies held;
    private final Cluster cluster;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ScheduledFuture<?> tick;

    OutboxWorker(Store store, Map<Channel, Sender> senders, RetryPolicy retry, EngineMetrics metrics,
                 ObjectMapper json, Clock clock, ScheduledExecutorService scheduler, ConversationEvents events,
                 HeldReplies held, Cluster cluster) {
        this.store = store;
        this.senders = Map.copyOf(senders);
        this.confirming = Set.copyOf(senders.values().stream().filter(Sender::confirmsDeliveries)
                .map(Sender::channel).toList());
        this.retry = retry;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
        this.held = held;
        this.cluster = cluster;
    }

    public void start() {
        // one instance: whatever is SENDING was cut short by this instance's own crash; several: only expired claims
        Instant now = clock.instant();
        int reset = store.db().inTransaction(c -> cluster.enabled()
                ? store.outbox().releaseExpiredClaims(c, now, confirming, now.plus(retry.confirmGrace()))
                : store.outbox().resetInFlight(c, now, confirming, now.plus(retry.confirmGrace())));
        if (reset > 0) {
            log.info("outbox: {} reply(ies) interrupted mid-send will be retried{}", reset, confirming.isEmpty() ? ""
                    : " (on " + confirming + " after " + retry.confirmGrace() + " unless the platform confirms them)");
        }
        tick = scheduler.scheduleWithFixedDelay(this::drainQuietly, 0, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Rows whose sender stopped renewing its claim (it died mid-send) go back to PENDING, in doubt on a channel that
     * confirms deliveries (the engine's sweep, with several instances). Returns how many.
     */
    int releaseExpiredClaims() {
        Instant now = clock.instant();
        int n = store.db().withConnection(c -> store.outbox().releaseExpiredClaims(c, now, confirming,
                now.plus(retry.confirmGrace())));
        if (n > 0) {
            log.info("outbox: {} reply(ies) whose sender stopped renewing its claim will be sent again{}", n,
                    confirming.isEmpty() ? "" : " (on " + confirming + " after " + retry.confirmGrace()
                            + " unless the platform confirms them)");
        }
        return n;
    }

    /** New rows were committed: deliver them now rather than at the next tick. */
    public void wake() {
        try {
            scheduler.execute(this::drainQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down; rows stay PENDING and go out at the next start
        }
    }

    /** Delivers everything due now; returns how many rows it handled. */
    public int drainOnce() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return 0;
        }
        int handled = 0;
        try {
            if (cluster.enabled() && !cluster.mayClaim()) {
                return 0; // draining, or cut off from the database: the other instances send
            }
            do {
                again.set(false);
                List<Outbox.Row> due;
                while (!(due = store.db().withConnection(c -> cluster.enabled()
                        ? store.outbox().dueUnheld(c, clock.instant(), 200)
                        : store.outbox().due(c, clock.instant(), 200))).isEmpty()) {
                    Set<Long> blocked = new HashSet<>();
                    int before = handled;
                    for (Outbox.Row row : due) {
                        if (blocked.contains(row.conversationId())) {
                            continue;
                        }
                        if (row.inboundId() != null && held.isHeld(row.inboundId())) {
                            blocked.add(row.conversationId()); // a passive caller is waiting to deliver it itself
                            continue;
                        }
                        if (!deliver(row)) {
                            blocked.add(row.conversationId()); // keep order: later replies wait for this one
                        }
                        handled++;
                    }
                    if (handled == before || !blocked.isEmpty()) {
                        break;
                    }
                }
            } while (again.get());
            metrics.outboxBacklog(store.db().withConnection(c -> store.outbox().countByStatus(c,
                    Outbox.Status.PENDING)));
        } finally {
            draining.set(false);
        }
        return handled;
    }

    /** One attempt; true when the row is finished (sent, dead, suppressed or taken by someone else). */
    private boolean deliver(Outbox.Row row) {
        Instant now = clock.instant();
        if (cluster.enabled()) {
            if (!store.db().withConnection(c -> store.outbox().claimInOrder(c, row.id(), cluster.instanceId(), now,
                    cluster.leaseEnd()))) {
                return false; // another instance has it, or an earlier reply to this customer goes first
            }
        } else if (!store.db().inTransaction(c -> store.outbox().claimForSending(c, row.id(), now))) {
            return true;
        }
        Sender sender = senders.get(row.channel());
        if (sender == null) {
            dead(row, "no sender is configured for channel " + row.channel().key());
            return true;
        }
        if (row.inDoubtAt() != null) {
            metrics.outbound(row.channel(), "unconfirmed");
            log.warn("conversation {}: outbox {} was cut short mid-send at {} and the platform did not confirm it "
                    + "within {}: sending it again (the customer may get it twice)", row.conversationId(), row.id(),
                    row.inDoubtAt(), retry.confirmGrace());
        }
        SendOutcome outcome;
        try {
            outcome = sender.send(toMessage(row));
        } catch (RuntimeException e) {
            outcome = new SendOutcome.RetryLater("exception", e.getClass().getSimpleName() + ": " + e.getMessage(),
                    null);
        }
        Instant after = clock.instant();
        if (outcome instanceof SendOutcome.Delivered d) {
            store.db().inTransaction(c -> {
                store.outbox().markSent(c, row.id(), d.platformMessageIds(), after);
                return null;
            });
            metrics.outbound(row.channel(), "sent");
            return true;
        }
        if (outcome instanceof SendOutcome.RetryLater r) {
            int attempts = row.attempts() + 1;
            if (attempts >= retry.maxAttempts()) {
                dead(row, r.code() + " " + r.reason());
                return true;
            }
            Duration wait = retry.delayAfter(attempts);
            if (r.notBefore() != null && r.notBefore().compareTo(wait) > 0) {
                wait = r.notBefore();
            }
            Instant next = after.plus(wait);
            store.db().inTransaction(c -> {
                store.outbox().scheduleRetry(c, row.id(), r.code() + " " + r.reason(), next, after);
                return null;
            });
            metrics.outbound(row.channel(), "retry");
            log.info("conversation {}: outbox {} will retry in {} ({} attempt(s)): {}", row.conversationId(),
                    row.id(), wait, attempts, r.code());
            return false;
        }
        if (outcome instanceof SendOutcome.Rejected r) {
            if (r.windowClosed() && OutboundMessage.Author.HUMAN.name().equals(row.author())) {
                // an agent's answer is not lost: it goes out when the customer writes again and the window reopens
                store.db().inTransaction(c -> {
                    store.outbox().markWaiting(c, row.id(), r.code() + " " + r.reason(), after);
                    store.conversations().setWindowNote(c, row.conversationId(), "reply window closed or quota "
                            + "reached (" + r.code() + "): the agent's reply is sent when the customer writes again",
                            after);
                    return null;
                });
                metrics.outbound(row.channel(), "waiting");
                log.info("conversation {}: outbox {} waits for the customer to reopen the reply window ({})",
                        row.conversationId(), row.id(), r.code());
                events.changed(row.conversationId(), ConversationEvents.Kind.DELIVERY);
                return true;
            }
            dead(row, r.code() + " " + r.reason());
            if (r.windowClosed()) {
                store.db().inTransaction(c -> {
                    store.conversations().setWindowNote(c, row.conversationId(),
                            "reply window closed or quota reached (" + r.code() + ")", after);
                    return null;
                });
            }
            return true;
        }
        SendOutcome.SuppressedByHuman s = (SendOutcome.SuppressedByHuman) outcome;
        store.db().inTransaction(c -> {
            store.outbox().markSuppressed(c, row.id(), s.detail(), after);
            return null;
        });
        metrics.outbound(row.channel(), "suppressed");
        events.changed(row.conversationId(), ConversationEvents.Kind.DELIVERY);
        return true;
    }

    private void dead(Outbox.Row row, String why) {
        Instant now = clock.instant();
        store.db().inTransaction(c -> {
            store.outbox().markDead(c, row.id(), why, now);
            return null;
        });
        metrics.outbound(row.channel(), "dead");
        log.warn("conversation {}: outbox {} is dead after {} attempt(s): {}", row.conversationId(), row.id(),
                row.attempts() + 1, why);
        events.changed(row.conversationId(), ConversationEvents.Kind.DELIVERY);
    }

    private OutboundMessage toMessage(Outbox.Row row) {
        Instant lastCustomer = store.db().withConnection(c -> store.conversations().byId(c, row.conversationId()))
                .map(Conversation::lastCustomerMessageAt).orElse(null);
        return new OutboundMessage(row.id(), row.conversationId(), row.channel(), row.customerId(),
                row.channelAccount(), EngineJson.read(json, row.content(), OutboundMessage.OutboundContent.class),
                OutboundMessage.Author.valueOf(row.author()), row.language(), lastCustomer);
    }

    private void drainQuietly() {
        try {
            drainOnce();
        } catch (RuntimeException e) {
            log.warn("outbox drain failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel(false);
        }
        drainQuietly();
    }
}
