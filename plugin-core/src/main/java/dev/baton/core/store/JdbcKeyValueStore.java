package dev.baton.core.store;

import dev.baton.core.state.KeyValueStore;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link KeyValueStore} over the {@code kv_state} table, shared by every instance on the database; on PostgreSQL a
 * write is one upsert, so that instances writing the same new key at once both succeed (the last one wins).
 */
public final class JdbcKeyValueStore implements KeyValueStore {

    private final Database db;
    private final Clock clock;

    public JdbcKeyValueStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        return db.withConnection(c -> Sql.one(c, "SELECT v FROM kv_state WHERE k = ?", rs -> rs.getString(1), key));
    }

    @Override
    public void put(String key, String value) {
        if (db.isPostgres()) {
            // one statement: instances sharing the database may write a new key at the same moment (a sync cursor,
            // the WeCom "pull wanted" mark); update-then-insert would fail the second insert on the unique key
            db.withConnection(c -> Sql.update(c, "INSERT INTO kv_state (k, v, updated_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, updated_at = EXCLUDED.updated_at", key, value,
                    clock.instant()));
            return;
        }
        db.inTransaction(c -> {
            if (Sql.update(c, "UPDATE kv_state SET v = ?, updated_at = ? WHERE k = ?", value, clock.instant(), key) == 0) {
                Sql.update(c, "INSERT INTO kv_state (k, v, updated_at) VALUES (?, ?, ?)", key, value, clock.instant());
            }
            return null;
        });
    }
}
