package dev.baton.wechat.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Caches one access token and refreshes it before it expires. Only one refresh runs at a time: concurrent callers
 * wait for it and then reuse its result instead of fetching again (each fetch invalidates the previous token on
 * WeChat's side, so a stampede would make tokens invalidate each other).
 *
 * <p>Proactive refresh: a token is replaced once less than {@link #REFRESH_MARGIN} of its life remains; if that
 * refresh fails while the old token is still valid, the old one keeps being used. {@link #invalidate} is called by
 * the API client when the platform says the token is invalid or expired (40001/40014/42001), after which the next
 * {@link #get()} forces a fresh one.
 *
 * <p>With several Baton instances ({@link SharedToken}), the token is the cluster's: a stale local copy is replaced by
 * the shared one when that is fresh and not the one the platform rejected; otherwise one instance, holding the
 * token's lease, fetches a new one and stores it, while the others wait briefly for it (up to
 * {@value #WAIT_ATTEMPTS} looks, {@link #WAIT_STEP} apart) and then keep using a still valid old token or report a
 * transient error (the caller retries).
 */
public final class AccessTokenProvider {

    /** Refresh this long before the advertised expiry. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(AccessTokenProvider.class);

    /** Fetches a token from the platform. {@code forceRefresh} asks for a new one even if the current one is valid. */
    @FunctionalInterface
    public interface Fetcher {
        AccessToken fetch(boolean forceRefresh) throws WxApiException;
    }

    /** How many times an instance looks for the token another instance is fetching, {@link #WAIT_STEP} apart. */
    static final int WAIT_ATTEMPTS = 30;
    static final Duration WAIT_STEP = Duration.ofMillis(100);

    private final String name;
    private final Fetcher fetcher;
    private final Clock clock;
    private final SharedToken shared;
    private final Runnable pause;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AccessToken current;
    private volatile boolean forceNext;
    private volatile String rejected;

    /** A token of this process alone (one Baton instance). */
    public AccessTokenProvider(String name, Fetcher fetcher, Clock clock) {
        this(name, fetcher, clock, null, () -> { });
    }

    /** The cluster's token, shared through {@code shared} with the other instances. */
    public AccessTokenProvider(String name, Fetcher fetcher, Clock clock, SharedToken shared) {
        this(name, fetcher, clock, Objects.requireNonNull(shared), AccessTokenProvider::waitStep);
    }

    /** As the shared constructor, with the pause between looks at the token another instance fetches (tests). */
    AccessTokenProvider(String name, Fetcher fetcher, Clock clock, SharedToken shared, Runnable pause) {
        this.name = Objects.requireNonNull(name);
        this.fetcher = Objects.requireNonNull(fetcher);
        this.clock = Objects.requireNonNull(clock);
        this.shared = shared;
        this.pause = pause;
    }

    /** A usable token, from the cache when fresh enough. */
    public String get() throws WxApiException {
        AccessToken t = current;
        if (isFresh(t)) {
            return t.value();
        }
        lock.lock();
        try {
            t = current;
            if (isFresh(t)) {
                return t.value();
            }
            if (shared != null) {
                return fromCluster(t);
            }
            try {
                boolean force = forceNext;
                AccessToken fetched = fetcher.fetch(force);
                current = fetched;
                forceNext = false;
                log.debug("{}: access token refreshed, expires at {}", name, fetched.expiresAt());
                return fetched.value();
            } catch (WxApiException e) {
                if (t != null && !forceNext && clock.instant().isBefore(t.expiresAt())) {
                    log.warn("{}: proactive token refresh failed ({}); using the current token until it expires",
                            name, e.getMessage());
                    return t.value();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The shared token when usable, else one this instance fetches under the lease, else another's; lock held. */
    private String fromCluster(AccessToken old) throws WxApiException {
        for (int attempt = 1; ; attempt++) {
            Optional<AccessToken> s = shared.read().filter(this::usable);
            if (s.isPresent()) {
                return adopt(s.get());
            }
            if (shared.tryLock()) {
                try {
                    s = shared.read().filter(this::usable); // fetched by another instance meanwhile
                    if (s.isPresent()) {
                        return adopt(s.get());
                    }
                    boolean force = forceNext || shared.read().map(x -> x.value().equals(rejected)).orElse(false);
                    AccessToken fetched = fetcher.fetch(force);
                    shared.write(fetched);
                    log.debug("{}: access token refreshed for the cluster, expires at {}", name, fetched.expiresAt());
                    return adopt(fetched);
                } catch (WxApiException e) {
                    if (stillValid(old)) {
                        log.warn("{}: proactive token refresh failed ({}); using the current token until it expires",
                                name, e.getMessage());
                        return old.value();
                    }
                    throw e;
                } finally {
                    shared.unlock();
                }
            }
            if (attempt >= WAIT_ATTEMPTS) {
                if (stillValid(old)) {
                    return old.value();
                }
                throw new WxApiException.Transient(name + ": another instance is fetching the access token", null);
            }
            pause.run();
        }
    }

    private String adopt(AccessToken t) {
        current = t;
        forceNext = false;
        return t.value();
    }

    /** Fresh, and not the value the platform rejected. */
    private boolean usable(AccessToken t) {
        return isFresh(t) && !t.value().equals(rejected);
    }

    private boolean stillValid(AccessToken t) {
        return t != null && !forceNext && clock.instant().isBefore(t.expiresAt());
    }

    private static void waitStep() {
        try {
            Thread.sleep(WAIT_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The platform rejected {@code staleValue}. Drops it, unless another thread already replaced it, so that one bad
     * token causes exactly one refresh.
     */
    public void invalidate(String staleValue) {
        lock.lock();
        try {
            AccessToken t = current;
            if (t != null && t.value().equals(staleValue)) {
                current = null;
                forceNext = true;
                rejected = staleValue;
                log.info("{}: access token rejected by the platform; will fetch a new one", name);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean isFresh(AccessToken t) {
        return t != null && clock.instant().isBefore(t.expiresAt().minus(REFRESH_MARGIN));
    }

    /** The expiry of a token issued now with {@code expiresInSeconds}. */
    public static Instant expiry(Clock clock, long expiresInSeconds) {
        return clock.instant().plusSeconds(expiresInSeconds <= 0 ? 7200 : expiresInSeconds);
    }
}
