package dev.baton.core.handoff.routing;

import dev.baton.core.store.Database;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue notes of resolved (or vanished) tickets are removed; those of queued or assigned tickets stay. */
class QueueStateSweepTest {

    private final Database db = Database.open("jdbc:h2:mem:sweep-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            null, null, 2);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_remove_the_notes_of_closed_tickets_only() {
        long open = ticket("OPEN");
        long assigned = ticket("ASSIGNED");
        long resolved = ticket("RESOLVED");
        KeyValueStore kv = new JdbcKeyValueStore(db, Clock.systemUTC());
        for (long id : new long[] {open, assigned, resolved, 999_999}) {
            kv.put("queue-position/" + id, "1");
            kv.put("queue-timeout/" + id, "x");
        }
        kv.put("wecom-kf/cursor", "keep me");

        assertThat(new QueueStateSweep(db).sweep()).isEqualTo(4);

        for (long id : new long[] {open, assigned}) {
            assertThat(kv.get("queue-position/" + id)).isPresent();
            assertThat(kv.get("queue-timeout/" + id)).isPresent();
        }
        for (long id : new long[] {resolved, 999_999}) {
            assertThat(kv.get("queue-position/" + id)).isEmpty();
            assertThat(kv.get("queue-timeout/" + id)).isEmpty();
        }
        assertThat(kv.get("wecom-kf/cursor")).hasValue("keep me");
        assertThat(new QueueStateSweep(db).sweep()).isZero();
    }

    private long ticket(String status) {
        return db.inTransaction(c -> {
            Instant now = Instant.now();
            long customer;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (channel, platform_id, created_at) "
                    + "VALUES ('dev', ?, ?)", new String[] {"id"})) {
                ps.setString(1, "c-" + UUID.randomUUID());
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
                var rs = ps.getGeneratedKeys();
                rs.next();
                customer = rs.getLong(1);
            }
            long conv;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (customer_id, channel, state, "
                    + "created_at, updated_at) VALUES (?, 'dev', 'QUEUED', ?, ?)", new String[] {"id"})) {
                ps.setLong(1, customer);
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.setObject(3, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
                var rs = ps.getGeneratedKeys();
                rs.next();
                conv = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO handoff_tickets (conversation_id, status, "
                    + "reasons, priority, ticket, created_at) VALUES (?, ?, 'button', 10, '{}', ?)",
                    new String[] {"id"})) {
                ps.setLong(1, conv);
                ps.setString(2, status);
                ps.setObject(3, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
                var rs = ps.getGeneratedKeys();
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
