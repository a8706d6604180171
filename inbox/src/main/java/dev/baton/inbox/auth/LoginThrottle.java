package dev.baton.inbox.auth;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing at {@code /inbox/login}: once {@link Limits#perName} sign-ins failed for one name, or
 * {@link Limits#perAddress} from one client address, within {@link Limits#window}, further attempts are refused
 * without checking the password until the oldest of those failures leaves the window. A success clears the name's
 * failures (not the address's: an insider's own sign-in must not reset a guesser next to them). Names are counted
 * whether they exist or not, so a refusal tells nothing about which names are real.
 *
 * <p>An attempt counts as a failure from {@link #begin} on and is taken back by {@link #succeeded}, so concurrent
 * guesses cannot overshoot the limit while their hashes are computed.
 *
 * <p>Where the failures are kept: in the database ({@link #LoginThrottle(Limits, Clock, Database)}, table
 * {@code login_failures}, what Baton uses), so that several instances behind one load balancer count them together;
 * two attempts on two instances at the same moment may each pass the last free place (an overshoot of at most one
 * per instance). Or in memory, per process, bounded to {@link #MAX_KEYS} names and addresses each (least recently
 * used go first).
 */
public final class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_KEYS = 10_000;
    private static final int MAX_NAME = 200;

    /**
     * How many failed sign-ins are allowed within {@code window}.
     *
     * @param perName    failures for one name (known or not)
     * @param perAddress failures from one client address (behind a reverse proxy: the proxy's)
     * @param window     how far back failures count
     */
    public record Limits(int perName, int perAddress, Duration window) {
        /** 5 per name and 30 per address in 15 minutes. */
        public static final Limits DEFAULT = new Limits(5, 30, Duration.ofMinutes(15));

        public Limits {
            if (perName < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("login limits must be positive: " + perName + ", " + perAddress
                        + ", " + window);
            }
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Failures failures;

    /** Failures kept in memory: this process's sign-ins only. */
    public LoginThrottle(Limits limits, Clock clock) {
        this(limits, clock, new InMemory());
    }

    /** Failures kept in {@code db}: every instance on that database counts them together. */
    public LoginThrottle(Limits limits, Clock clock, Database db) {
        this(limits, clock, new InDatabase(db));
    }

    private LoginThrottle(Limits limits, Clock clock, Failures failures) {
        this.limits = limits;
        this.clock = clock;
        this.failures = failures;
    }

    /** Failures by kind ({@code name}, {@code address}) and subject. */
    private interface Failures {
        /** Those after {@code since}, oldest first. */
        List<Instant> since(String kind, String subject, Instant since);

        /** Records one at {@code now}; may forget those at or before {@code forget}. */
        void add(String kind, String subject, Instant now, Instant forget);

        void clear(String kind, String subject);

        void removeLatest(String kind, String subject);
    }

    /**
     * Before a password is checked. Empty: go ahead (the attempt counts as a failure until {@link #succeeded}).
     * Otherwise how long until the next attempt for this name and address may be made (at least one second).
     */
    public synchronized Optional<Duration> begin(String name, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(limits.window());
        String nameKey = nameKey(name);
        String addressKey = address == null ? "" : address;
        List<Instant> n = failures.since(NAME, nameKey, since);
        List<Instant> a = failures.since(ADDRESS, addressKey, since);
        Duration wait = max(waitFor(n, limits.perName(), now), waitFor(a, limits.perAddress(), now));
        if (!wait.isZero()) {
            return Optional.of(wait);
        }
        failures.add(NAME, nameKey, now, since);
        failures.add(ADDRESS, addressKey, now, since);
        if (n.size() + 1 == limits.perName()) {
            log.warn("inbox login: {} failed sign-ins for one name within {}; more for it are refused for a while",
                    n.size() + 1, limits.window());
        }
        if (a.size() + 1 == limits.perAddress()) {
            log.warn("inbox login: {} failed sign-ins from {} within {}; more from it are refused for a while",
                    a.size() + 1, address, limits.window());
        }
        return Optional.empty();
    }

    /** The password was right: the name's failures are cleared, and this attempt no longer counts for the address. */
    public synchronized void succeeded(String name, String address) {
        failures.clear(NAME, nameKey(name));
        failures.removeLatest(ADDRESS, address == null ? "" : address);
    }

    private static final String NAME = "name";
    private static final String ADDRESS = "address";

    /** Zero when under the limit, else until the oldest failure leaves the window (whole seconds, at least 1). */
    private Duration waitFor(List<Instant> failed, int limit, Instant now) {
        if (failed.size() < limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, failed.get(failed.size() - limit).plus(limits.window()));
        long seconds = Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        return Duration.ofSeconds(seconds);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String nameKey(String name) {
        String n = name == null ? "" : name.strip();
        return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
    }

    /** In this process, bounded by {@link #MAX_KEYS} subjects per kind (least recently used go first). */
    private static final class InMemory implements Failures {
        private final Map<String, Map<String, Deque<Instant>>> byKind = Map.of(NAME, lru(), ADDRESS, lru());

        @Override
        public List<Instant> since(String kind, String subject, Instant since) {
            Deque<Instant> d = byKind.get(kind).get(subject);
            if (d == null) {
                return List.of();
            }
            while (!d.isEmpty() && !d.peekFirst().isAfter(since)) {
                d.removeFirst();
            }
            return new ArrayList<>(d);
        }

        @Override
        public void add(String kind, String subject, Instant now, Instant forget) {
            byKind.get(kind).computeIfAbsent(subject, k -> new ArrayDeque<>()).addLast(now);
        }

        @Override
        public void clear(String kind, String subject) {
            byKind.get(kind).remove(subject);
        }

        @Override
        public void removeLatest(String kind, String subject) {
            Deque<Instant> d = byKind.get(kind).get(subject);
            if (d != null && !d.isEmpty()) {
                d.removeLast();
            }
        }

        private static Map<String, Deque<Instant>> lru() {
            return new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                    return size() > MAX_KEYS;
                }
            };
        }
    }

    /** Table {@code login_failures}, shared by every instance on the database. */
    private record InDatabase(Database db) implements Failures {
        @Override
        public List<Instant> since(String kind, String subject, Instant since) {
            return db.withConnection(c -> Sql.list(c, "SELECT failed_at FROM login_failures WHERE kind = ? "
                    + "AND subject = ? AND failed_at > ? ORDER BY failed_at, id", rs -> Sql.instant(rs, "failed_at"),
                    kind, subject, since));
        }

        @Override
        public void add(String kind, String subject, Instant now, Instant forget) {
            db.inTransaction(c -> {
                Sql.update(c, "DELETE FROM login_failures WHERE failed_at <= ?", forget);
                return Sql.insert(c, "INSERT INTO login_failures (kind, subject, failed_at) VALUES (?, ?, ?)", kind,
                        subject, now);
            });
        }

        @Override
        public void clear(String kind, String subject) {
            db.inTransaction(c -> Sql.update(c, "DELETE FROM login_failures WHERE kind = ? AND subject = ?", kind,
                    subject));
        }

        @Override
        public void removeLatest(String kind, String subject) {
            db.inTransaction(c -> Sql.update(c, "DELETE FROM login_failures WHERE id = (SELECT MAX(id) "
                    + "FROM login_failures WHERE kind = ? AND subject = ?)", kind, subject));
        }
    }
}
