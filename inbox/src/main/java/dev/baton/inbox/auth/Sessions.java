package dev.baton.inbox.auth;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Inbox login sessions, in the database (table {@code inbox_sessions}), so they survive a restart and several
 * Baton instances can share them. A random 256-bit session id (the cookie) is stored only as its SHA-256, next to
 * the agent, their role at login, a CSRF token and the expiry. Sessions expire after an idle time
 * ({@code inbox.session-ttl}); each use moves the expiry on (written at most once a minute per session).
 */
public final class Sessions {

    /**
     * One login. {@code id} is the cookie value (only known to the caller of {@link #open}; {@link #find} returns the
     * value it was given). {@code csrf} must accompany every state-changing request.
     */
    public record Session(String id, String agent, Role role, String csrf, Instant lastSeen) {
        @Override
        public String toString() {
            return "Session[" + agent + ", " + role + "]";
        }
    }

    private final Database db;
    private final Duration ttl;
    private final Duration touchEvery;
    private final Clock clock;

    public Sessions(Database db, Duration ttl, Clock clock) {
        this.db = db;
        this.ttl = ttl;
        this.clock = clock;
        Duration tenth = ttl.dividedBy(10);
        this.touchEvery = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
    }

    public Session open(String agent, Role role) {
        String id = Secrets.random();
        String csrf = Secrets.random();
        Instant now = clock.instant();
        db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM inbox_sessions WHERE expires_at <= ?", now);
            Sql.update(c, "INSERT INTO inbox_sessions (id_hash, agent, role, csrf, created_at, last_seen_at, "
                    + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Secrets.sha256(id), agent, role, csrf, now, now,
                    now.plus(ttl));
            return null;
        });
        return new Session(id, agent, role, csrf, now);
    }

    /** The live session for a cookie value, moving its idle expiry on. */
    public Optional<Session> find(String id) {
        if (id == null || id.isBlank() || id.length() > 128) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(id);
        Instant now = clock.instant();
        record Row(String agent, Role role, String csrf, Instant lastSeen, Instant expires) {
        }
        Optional<Row> row = db.withConnection(c -> Sql.one(c, "SELECT agent, role, csrf, last_seen_at, "
                + "expires_at FROM inbox_sessions WHERE id_hash = ?", rs -> new Row(rs.getString("agent"),
                Role.valueOf(rs.getString("role")), rs.getString("csrf"), Sql.instant(rs, "last_seen_at"),
                Sql.instant(rs, "expires_at")), hash));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        if (!r.expires().isAfter(now)) {
            db.withConnection(c -> Sql.update(c, "DELETE FROM inbox_sessions WHERE id_hash = ?", hash));
            return Optional.empty();
        }
        Instant seen = r.lastSeen();
        if (!seen.plus(touchEvery).isAfter(now)) {
            db.withConnection(c -> Sql.update(c, "UPDATE inbox_sessions SET last_seen_at = ?, expires_at = ? "
                    + "WHERE id_hash = ?", now, now.plus(ttl), hash));
            seen = now;
        }
        return Optional.of(new Session(id, r.agent(), r.role(), r.csrf(), seen));
    }

    /** Signs out: the session row is deleted. */
    public void close(String id) {
        if (id != null && !id.isBlank()) {
            db.withConnection(c -> Sql.update(c, "DELETE FROM inbox_sessions WHERE id_hash = ?",
                    Secrets.sha256(id)));
        }
    }
}
