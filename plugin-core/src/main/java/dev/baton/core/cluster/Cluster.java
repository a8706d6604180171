package dev.baton.core.cluster;

import dev.baton.core.state.SharedLeases;
import dev.baton.core.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * This instance's place among the Baton instances that share one PostgreSQL database, and the leases through which
 * they divide the work (docs/scaling.md): a conversation's lane ({@value #LANE}…) while one of its messages is
 * processed, a cluster-wide job ({@value #JOB}…) for as long as its holder lives, and whatever channel modules ask
 * for through {@link SharedLeases}. A lease ends when its holder gives it back, or {@link #leaseTtl()} after its
 * holder's last {@link #heartbeat()}: then another instance takes the work over.
 *
 * <p>An instance that cannot renew its leases (its database does not answer) for two thirds of the lease stops
 * claiming new work ({@link #mayClaim()}) before the others may take its leases; a {@link #drain() draining} one
 * stops claiming for good and gives back its jobs. {@link #single()} is the one-instance mode (H2, or PostgreSQL
 * with {@code cluster.enabled: false}): every lease is granted without touching the database, which keeps the
 * single-instance path exactly as it was.
 */
public final class Cluster implements SharedLeases {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    /** Lease name prefix of a conversation's lane ({@code lane/<channel>:<customer>}). */
    public static final String LANE = "lane/";
    /** Lease name prefix of a cluster-wide job ({@code job/<name>}). */
    public static final String JOB = "job/";

    private final Store store;
    private final String instanceId;
    private final Duration ttl;
    private final Clock clock;
    private volatile boolean draining;
    private volatile Instant renewedAt;

    private Cluster(Store store, String instanceId, Duration ttl, Clock clock) {
        this.store = store;
        this.instanceId = instanceId;
        this.ttl = ttl;
        this.clock = clock;
        this.renewedAt = clock.instant();
    }

    /** One instance: nothing is shared, every lease is granted. */
    public static Cluster single() {
        return new Cluster(null, "single", Duration.ofDays(1), Clock.systemUTC());
    }

    /**
     * One of several instances on {@code store}'s database (PostgreSQL).
     *
     * @param instanceId unique among the running instances (a restarted process takes a new one)
     * @param ttl        how long a lease outlives its holder's last heartbeat: the longest a dead instance's work
     *                   waits before another takes it over
     */
    public static Cluster shared(Store store, String instanceId, Duration ttl, Clock clock) {
        Objects.requireNonNull(store, "store");
        if (instanceId == null || instanceId.isBlank() || instanceId.length() > 128) {
            throw new IllegalArgumentException("instance id must be 1 to 128 characters, got " + instanceId);
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be at least 1s, got " + ttl);
        }
        return new Cluster(store, instanceId, ttl, clock);
    }

    /** A fresh id for this process: host name, process id and a random suffix (never reused by a restart). */
    public static String newInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = "baton";
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String id = host.toLowerCase(Locale.ROOT) + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(random);
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }

    /** True with several instances: leases live in the database. */
    public boolean enabled() {
        return store != null;
    }

    @Override
    public boolean shared() {
        return enabled();
    }

    public String instanceId() {
        return instanceId;
    }

    public Duration leaseTtl() {
        return ttl;
    }

    /** How often {@link #heartbeat()} should run: a third of the lease, so that two missed beats do not lose it. */
    public Duration heartbeatEvery() {
        return ttl.dividedBy(3);
    }

    /** When a lease or a claim taken now ends without renewal. */
    public Instant leaseEnd() {
        return clock.instant().plus(ttl);
    }

    /**
     * Whether this instance may take new work: it is not draining and, with several instances, its last heartbeat
     * reached the database less than two thirds of a lease ago (so its leases cannot have been taken over).
     */
    public boolean mayClaim() {
        if (draining) {
            return false;
        }
        return !enabled() || clock.instant().isBefore(renewedAt.plus(ttl.multipliedBy(2).dividedBy(3)));
    }

    public boolean draining() {
        return draining;
    }

    @Override
    public boolean tryAcquire(String name) {
        if (!enabled()) {
            return true;
        }
        Instant now = clock.instant();
        try {
            return store.db().withConnection(c -> store.leases().tryAcquire(c, name, instanceId, now, now.plus(ttl)));
        } catch (RuntimeException e) {
            log.warn("lease {} not taken: {}", name, e.toString());
            return false;
        }
    }

    @Override
    public void release(String name) {
        if (!enabled()) {
            return;
        }
        try {
            store.db().withConnection(c -> store.leases().release(c, name, instanceId));
        } catch (RuntimeException e) {
            log.warn("lease {} not given back (it expires in {}): {}", name, ttl, e.toString());
        }
    }

    /**
     * Whether this instance runs the cluster-wide job {@code name} now: with several instances, it may claim and holds
     * the job's lease; alone, always.
     */
    public boolean runsJob(String name) {
        if (!enabled()) {
            return true; // one instance runs its jobs even while draining: nobody else would
        }
        return mayClaim() && tryAcquire(JOB + name);
    }

    /** {@code task} guarded by {@link #runsJob}: on one instance of the cluster at a time (on every run with one). */
    public Runnable singleton(String name, Runnable task) {
        return () -> {
            if (runsJob(name)) {
                task.run();
            }
        };
    }

    /**
     * Renews every lease of this instance and the outbox rows it is sending. Scheduled every
     * {@link #heartbeatEvery()}; returns false (and logs) when the database did not answer.
     */
    public boolean heartbeat() {
        if (!enabled()) {
            return true;
        }
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        try {
            store.db().inTransaction(c -> {
                store.leases().renewAll(c, instanceId, until);
                store.outbox().renewClaims(c, instanceId, until);
                return null;
            });
            renewedAt = now;
            return true;
        } catch (RuntimeException e) {
            log.warn("cluster heartbeat failed (leases expire at {} unless renewed): {}", renewedAt.plus(ttl),
                    e.toString());
            return false;
        }
    }

    /** Stops claiming new work for good and gives the cluster-wide jobs back to the other instances. */
    public void drain() {
        if (draining) {
            return;
        }
        draining = true;
        if (enabled()) {
            try {
                int n = store.db().withConnection(c -> store.leases().releaseAll(c, instanceId, JOB));
                log.info("draining: no new work; {} cluster job(s) handed over", n);
            } catch (RuntimeException e) {
                log.warn("draining: jobs not handed over (they expire in {}): {}", ttl, e.toString());
            }
        }
    }

    /** Gives back every lease this instance still holds (at the end of a stop). */
    public void releaseAll() {
        if (!enabled()) {
            return;
        }
        try {
            store.db().withConnection(c -> store.leases().releaseAll(c, instanceId, ""));
        } catch (RuntimeException e) {
            log.warn("leases not given back (they expire in {}): {}", ttl, e.toString());
        }
    }
}
