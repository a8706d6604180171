package dev.baton.inbox.auth;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-agent API tokens (table {@code inbox_api_tokens}): named, created by the agent or a supervisor, shown once and
 * stored only as their SHA-256, revocable. A token acts as its owner, with the owner's current role from
 * {@code inbox.agents}.
 */
public final class ApiTokens {

    /** What a token looks like: {@value #PREFIX} followed by 43 base64url characters. */
    public static final String PREFIX = "bt_";

    /** A stored token, without its secret. */
    public record Token(long id, String agent, String name, String prefix, String createdBy, Instant createdAt,
                        Instant lastUsedAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A token just created, with the secret the caller sees this once. */
    public record Created(Token token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token + "]";
        }
    }

    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Created create(String agent, String name, String createdBy) {
        String secret = PREFIX + Secrets.random();
        Instant now = clock.instant();
        String prefix = secret.substring(0, 7);
        long id = db.withConnection(c -> Sql.insert(c, "INSERT INTO inbox_api_tokens (agent, name, token_hash, "
                + "prefix, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", agent, name, Secrets.sha256(secret),
                prefix, createdBy, now));
        return new Created(new Token(id, agent, name, prefix, createdBy, now, null, null), secret);
    }

    /** The live (not revoked) token with this secret, recording its use. */
    public Optional<Token> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 128) {
            return Optional.empty();
        }
        Optional<Token> t = db.withConnection(c -> Sql.one(c, "SELECT * FROM inbox_api_tokens "
                + "WHERE token_hash = ? AND revoked_at IS NULL", ApiTokens::map, Secrets.sha256(secret)));
        Instant now = clock.instant();
        t.filter(x -> x.lastUsedAt() == null || !x.lastUsedAt().plus(USE_RECORDED_EVERY).isAfter(now))
                .ifPresent(x -> db.withConnection(c -> Sql.update(c,
                        "UPDATE inbox_api_tokens SET last_used_at = ? WHERE id = ?", now, x.id())));
        return t;
    }

    public Optional<Token> byId(long id) {
        return db.withConnection(c -> Sql.one(c, "SELECT * FROM inbox_api_tokens WHERE id = ?", ApiTokens::map,
                id));
    }

    /** The tokens of one agent, or everyone's when {@code agent} is null; newest first. */
    public List<Token> list(String agent) {
        return db.withConnection(c -> agent == null
                ? Sql.list(c, "SELECT * FROM inbox_api_tokens ORDER BY id DESC", ApiTokens::map)
                : Sql.list(c, "SELECT * FROM inbox_api_tokens WHERE agent = ? ORDER BY id DESC", ApiTokens::map,
                agent));
    }

    /** Revokes a token; false when it was revoked already or does not exist. */
    public boolean revoke(long id) {
        return db.withConnection(c -> Sql.update(c, "UPDATE inbox_api_tokens SET revoked_at = ? "
                + "WHERE id = ? AND revoked_at IS NULL", clock.instant(), id)) == 1;
    }

    private static Token map(ResultSet rs) throws SQLException {
        return new Token(rs.getLong("id"), rs.getString("agent"), rs.getString("name"), rs.getString("prefix"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_used_at"), Sql.instant(rs, "revoked_at"));
    }
}
