package dev.baton.wechat.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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

    private final String name;
    private final Fetcher fetcher;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile AccessToken current;
    private volatile boolean forceNext;

    public AccessTokenProvider(String name, Fetcher fetcher, Clock clock) {
        this.name = Objects.requireNonNull(name);
        this.fetcher = Objects.requireNonNull(fetcher);
        this.clock = Objects.requireNonNull(clock);
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
