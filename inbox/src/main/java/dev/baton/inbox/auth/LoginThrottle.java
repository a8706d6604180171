package dev.baton.inbox.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
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
 * guesses cannot overshoot the limit while their hashes are computed. State is in memory, per Baton instance,
 * bounded to {@link #MAX_KEYS} names and addresses each (least recently used go first).
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
    private final Map<String, Deque<Instant>> byName = lru();
    private final Map<String, Deque<Instant>> byAddress = lru();

    public LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Before a password is checked. Empty: go ahead (the attempt counts as a failure until {@link #succeeded}).
     * Otherwise how long until the next attempt for this name and address may be made (at least one second).
     */
    public synchronized Optional<Duration> begin(String name, String address) {
        Instant now = clock.instant();
        Deque<Instant> n = entry(byName, nameKey(name), now);
        Deque<Instant> a = entry(byAddress, address, now);
        Duration wait = max(waitFor(n, limits.perName(), now), waitFor(a, limits.perAddress(), now));
        if (!wait.isZero()) {
            return Optional.of(wait);
        }
        n.addLast(now);
        a.addLast(now);
        if (n.size() == limits.perName()) {
            log.warn("inbox login: {} failed sign-ins for one name within {}; more for it are refused for a while",
                    n.size(), limits.window());
        }
        if (a.size() == limits.perAddress()) {
            log.warn("inbox login: {} failed sign-ins from {} within {}; more from it are refused for a while",
                    a.size(), address, limits.window());
        }
        return Optional.empty();
    }

    /** The password was right: the name's failures are cleared, and this attempt no longer counts for the address. */
    public synchronized void succeeded(String name, String address) {
        byName.remove(nameKey(name));
        Deque<Instant> a = byAddress.get(address);
        if (a != null && !a.isEmpty()) {
            a.removeLast();
        }
    }

    private Deque<Instant> entry(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> d = map.computeIfAbsent(key == null ? "" : key, k -> new ArrayDeque<>());
        Instant since = now.minus(limits.window());
        while (!d.isEmpty() && !d.peekFirst().isAfter(since)) {
            d.removeFirst();
        }
        return d;
    }

    /** Zero when under the limit, else until the oldest failure leaves the window (whole seconds, at least 1). */
    private Duration waitFor(Deque<Instant> failures, int limit, Instant now) {
        if (failures.size() < limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, failures.peekFirst().plus(limits.window()));
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

    private static Map<String, Deque<Instant>> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}
