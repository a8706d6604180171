package dev.baton.inbox.auth;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbox sessions live in the database: they survive a restart, expire when idle, and logout deletes them. */
class SessionsTest {

    private final Database db = Database.open("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            null, null, 2);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_find_a_session_after_a_restart_and_not_after_it_expired() {
        TestClock clock = TestClock.at(java.time.Instant.parse("2026-03-02T10:00:00Z"));
        Sessions before = new Sessions(db, Duration.ofHours(12), clock);
        Sessions.Session s = before.open("bob", Role.AGENT);
        Sessions.Session idle = before.open("ann", Role.SUPERVISOR);

        clock.advance(Duration.ofHours(11));
        Sessions after = new Sessions(db, Duration.ofHours(12), clock);
        Sessions.Session found = after.find(s.id()).orElseThrow();
        assertThat(found.agent()).isEqualTo("bob");
        assertThat(found.role()).isEqualTo(Role.AGENT);
        assertThat(found.csrf()).isEqualTo(s.csrf());

        clock.advance(Duration.ofHours(2));
        assertThat(after.find(idle.id())).as("13 h idle, ttl 12 h").isEmpty();
        assertThat(after.find(s.id())).as("used 2 h ago: the idle timer moved on").isPresent();

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(new Sessions(db, Duration.ofHours(12), clock).find(s.id())).isEmpty();
        assertThat(after.find("not-a-session")).isEmpty();
        assertThat(after.find(null)).isEmpty();
    }

    @Test
    void should_delete_the_session_on_logout() {
        Sessions sessions = new Sessions(db, Duration.ofHours(1), TestClock.at(java.time.Instant.parse("2026-03-02T10:00:00Z")));
        Sessions.Session s = sessions.open("bob", Role.AGENT);
        sessions.close(s.id());
        assertThat(sessions.find(s.id())).isEmpty();
        long left = db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM inbox_sessions"));
        assertThat(left).isZero();
    }
}
