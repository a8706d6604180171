package dev.baton.app.inbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inbox login sessions, in memory: a random session id (the cookie) maps to the agent, their role and a CSRF
 * token. Sessions expire after an idle time; a restart logs everyone out.
 */
public final class Sessions {

    /** One login. {@code csrf} must accompany every state-changing request. */
    public record Session(String id, String agent, Role role, String csrf, Instant lastSeen) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public Sessions(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Session open(String agent, Role role) {
        Session s = new Session(token(), agent, role, token(), clock.instant());
        sessions.put(s.id(), s);
        sessions.values().removeIf(this::expired);
        return s;
    }

    /** The live session for a cookie value, refreshing its idle timer. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.agent(), s.role(), s.csrf(), clock.instant());
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private boolean expired(Session s) {
        return s.lastSeen().plus(ttl).isBefore(clock.instant());
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
