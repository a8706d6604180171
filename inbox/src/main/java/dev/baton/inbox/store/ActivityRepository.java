package dev.baton.inbox.store;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;

import java.time.Instant;
import java.util.List;

/** Which conversations were active lately: for reading what customers asked over a period (knowledge gaps). */
public final class ActivityRepository {

    private final Database db;

    public ActivityRepository(Database db) {
        this.db = db;
    }

    /** The conversations in which the customer wrote since {@code from}, the most recently active first. */
    public List<Long> conversationsWithCustomerMessages(Instant from, int limit) {
        return db.withConnection(c -> Sql.list(c, "SELECT conversation_id, MAX(id) AS last_id FROM messages "
                + "WHERE author = 'CUSTOMER' AND created_at >= ? GROUP BY conversation_id ORDER BY last_id DESC "
                + "LIMIT ?", rs -> rs.getLong("conversation_id"), from, limit));
    }
}
