package dev.baton.inbox.store;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Table {@code canned_replies}: team replies (no owner) and each agent's personal ones, with a Chinese and an English
 * variant. Who may change which is decided by the caller ({@code desk.CannedReplies}).
 */
public final class CannedReplyRepository {

    /** Whose reply it is: the whole team's, managed by supervisors, or one agent's own. */
    public enum Scope {
        TEAM, PERSONAL;

        /** The code in the API and the table: {@code team} or {@code personal}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The scope with this code, if any. */
        public static Optional<Scope> of(String code) {
            for (Scope s : values()) {
                if (s.code().equals(code)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One stored reply.
     *
     * @param owner the agent of a personal reply; null for a team reply
     * @param zh    the Chinese variant, or null
     * @param en    the English variant, or null
     */
    public record Row(long id, Scope scope, String owner, String shortcut, String zh, String en, String createdBy,
                      Instant createdAt, Instant updatedAt) {
    }

    private final Database db;

    public CannedReplyRepository(Database db) {
        this.db = db;
    }

    /** Stores a new reply; returns it with its id. */
    public Row insert(Scope scope, String owner, String shortcut, String zh, String en, String createdBy,
                      Instant now) {
        long id = db.withConnection(c -> Sql.insert(c, "INSERT INTO canned_replies (scope, owner, shortcut, text_zh, "
                + "text_en, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", scope.code(), owner,
                shortcut, zh, en, createdBy, now, now));
        return new Row(id, scope, owner, shortcut, zh, en, createdBy, now, now);
    }

    public Optional<Row> byId(long id) {
        return db.withConnection(c -> Sql.one(c, "SELECT * FROM canned_replies WHERE id = ?",
                CannedReplyRepository::map, id));
    }

    /** The team's replies and {@code agent}'s personal ones, by shortcut. */
    public List<Row> visibleTo(String agent) {
        return db.withConnection(c -> Sql.list(c, "SELECT * FROM canned_replies WHERE scope = ? OR (scope = ? AND "
                + "owner = ?) ORDER BY shortcut, id", CannedReplyRepository::map, Scope.TEAM.code(),
                Scope.PERSONAL.code(), agent));
    }

    /** The team reply with this shortcut, if any. */
    public Optional<Row> teamReply(String shortcut) {
        return db.withConnection(c -> Sql.one(c, "SELECT * FROM canned_replies WHERE scope = ? AND shortcut = ? "
                + "ORDER BY id", CannedReplyRepository::map, Scope.TEAM.code(), shortcut));
    }

    /** Replaces shortcut and texts; false when the reply does not exist. */
    public boolean update(long id, String shortcut, String zh, String en, Instant now) {
        return db.withConnection(c -> Sql.update(c, "UPDATE canned_replies SET shortcut = ?, text_zh = ?, "
                + "text_en = ?, updated_at = ? WHERE id = ?", shortcut, zh, en, now, id)) == 1;
    }

    public boolean delete(long id) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM canned_replies WHERE id = ?", id)) == 1;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), Scope.of(rs.getString("scope")).orElseThrow(), rs.getString("owner"),
                rs.getString("shortcut"), rs.getString("text_zh"), rs.getString("text_en"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
