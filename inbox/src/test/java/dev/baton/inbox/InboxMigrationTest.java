package dev.baton.inbox;

import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.auth.Sessions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's tables are created by {@code db/migration/V2__inbox.sql}, which moved from plugin-core into this module
 * at the same classpath location and with the same content. A database migrated by the old layout must still
 * validate (same version, description and checksum), migrate nothing, and keep working.
 */
class InboxMigrationTest {

    @Test
    void should_validate_a_database_migrated_when_the_inbox_tables_were_in_plugin_core() throws Exception {
        String url = "jdbc:h2:mem:old-layout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/migration/old-layout-h2.sql'");
        }
        // later migrations (V10 on) are pending on such a database, as on any database of that age: not an error
        Flyway flyway = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:pending").load();

        assertThat(flyway.validateWithResult().validationSuccessful)
                .as("%s", flyway.validateWithResult().getAllErrorMessages()).isTrue();
        assertThat(Arrays.stream(flyway.info().applied()).map(MigrationInfo::getState))
                .containsOnly(MigrationState.SUCCESS);
        assertThat(Arrays.stream(flyway.info().applied()).map(i -> i.getVersion().getVersion()))
                .containsExactly("1", "2", "3");
        assertThat(Arrays.stream(flyway.info().pending()).map(i -> i.getVersion().getMajor().intValue()))
                .as("nothing of the old layout is migrated again").allMatch(v -> v > 3);
        int later = flyway.info().pending().length;

        try (Database db = Database.open(url, null, null, 2)) {
            long history = db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM \"flyway_schema_history\""));
            assertThat(history).as("nothing migrated again, the later ones once").isEqualTo(4 + later);
            Sessions sessions = new Sessions(db, Duration.ofHours(1), Clock.systemUTC());
            Sessions.Session s = sessions.open("bob", Role.AGENT);
            assertThat(sessions.find(s.id())).as("the inbox's tables are in use").isPresent();
        }
    }
}
