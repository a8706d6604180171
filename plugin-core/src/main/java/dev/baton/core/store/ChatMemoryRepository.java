package dev.baton.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Serialised LLM chat memory per conversation (the agent's {@code ChatMemoryStore} sits on top of it). */
public final class ChatMemoryRepository {

    public Optional<String> load(Connection c, String memoryId) throws SQLException {
        return Sql.one(c, "SELECT messages FROM chat_memory WHERE memory_id = ?", rs -> rs.getString(1), memoryId);
    }

    public void save(Connection c, String memoryId, String messagesJson, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE chat_memory SET messages = ?, updated_at = ? WHERE memory_id = ?", messagesJson, now,
                memoryId) == 0) {
            Sql.update(c, "INSERT INTO chat_memory (memory_id, messages, updated_at) VALUES (?, ?, ?)", memoryId,
                    messagesJson, now);
        }
    }

    public void delete(Connection c, String memoryId) throws SQLException {
        Sql.update(c, "DELETE FROM chat_memory WHERE memory_id = ?", memoryId);
    }
}
