package dev.baton.inbox.store;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Table {@code conversation_notes}: agents' internal notes. Kept apart from the messages table on purpose: the
 * engine, the model, the summaries, the webhook inbox and the channels read messages only, so a note cannot reach
 * the customer or the model.
 */
public final class NoteRepository {

    /** One note. */
    public record Note(long id, long conversationId, String author, String text, Instant createdAt) {
    }

    private final Database db;

    public NoteRepository(Database db) {
        this.db = db;
    }

    public Note insert(long conversationId, String author, String text, Instant now) {
        long id = db.withConnection(c -> Sql.insert(c, "INSERT INTO conversation_notes (conversation_id, author, "
                + "text, created_at) VALUES (?, ?, ?, ?)", conversationId, author, text, now));
        return new Note(id, conversationId, author, text, now);
    }

    /** The notes of a conversation, oldest first. */
    public List<Note> forConversation(long conversationId) {
        return db.withConnection(c -> forConversation(c, conversationId));
    }

    /** As {@link #forConversation(long)}, on the caller's connection. */
    public List<Note> forConversation(Connection c, long conversationId) throws SQLException {
        return Sql.list(c, "SELECT * FROM conversation_notes WHERE conversation_id = ? ORDER BY id",
                NoteRepository::map, conversationId);
    }

    private static Note map(ResultSet rs) throws SQLException {
        return new Note(rs.getLong("id"), rs.getLong("conversation_id"), rs.getString("author"), rs.getString("text"),
                Sql.instant(rs, "created_at"));
    }
}
