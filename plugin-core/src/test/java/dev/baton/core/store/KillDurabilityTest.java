package dev.baton.core.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Stored before ack" against {@code kill -9}: a child JVM ({@link AcknowledgingWriter}) writes inbound messages, or
 * SENT marks, the way Baton does and reports each one after the call returned; it is killed with SIGKILL
 * ({@link ProcessHandle#destroyForcibly}) while it writes. Every write it reported must be there when the database is
 * opened again. With H2's default write delay (500 ms) the writes of the last half second before the kill were lost.
 */
class KillDurabilityTest {

    private static final Pattern ACK = Pattern.compile("^(inbound|sent) (\\S+) \\.$");
    private static final int BEFORE_KILL = 200;

    @TempDir
    Path dir;

    @Test
    void should_keep_every_acknowledged_inbound_row_when_killed_on_h2_file() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Acks acks = runAndKill("inbound", url, "sa", "");

        try (Database db = Database.open(url, "sa", "", 2)) {
            assertEverythingAcknowledgedIsThere(db, acks);
        }
    }

    @Test
    void should_keep_every_sent_mark_when_killed_on_h2_file() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        Acks acks = runAndKill("sent", url, "sa", "");

        try (Database db = Database.open(url, "sa", "", 2)) {
            assertEverythingAcknowledgedIsThere(db, acks);
        }
    }

    @Test
    void should_keep_every_acknowledged_inbound_row_and_sent_mark_when_killed_on_postgresql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Acks inbound = runAndKill("inbound", url, "postgres", "postgres");
            Acks sent = runAndKill("sent", url, "postgres", "postgres");

            try (Database db = Database.open(url, "postgres", "postgres", 2)) {
                assertEverythingAcknowledgedIsThere(db, inbound);
                assertEverythingAcknowledgedIsThere(db, sent);
            }
        }
    }

    private record Acks(Set<String> inbound, Set<Long> sent) {
    }

    /** Starts the writer, kills it once it has acknowledged {@link #BEFORE_KILL} writes, returns every ack. */
    private Acks runAndKill(String mode, String url, String user, String password) throws Exception {
        Path stderr = dir.resolve("writer-" + mode + ".err");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AcknowledgingWriter.class.getName(), mode,
                url, user, password)
                .redirectError(stderr.toFile())
                .start();
        Set<String> inbound = new HashSet<>();
        Set<Long> sent = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (inbound.size() + sent.size() < BEFORE_KILL && (line = r.readLine()) != null) {
                record(line, inbound, sent);
            }
            // SIGKILL while it writes (no shutdown hook runs, nothing is flushed on the way out); through the handle,
            // because Process.destroyForcibly also closes the pipe that still holds acks not read yet
            p.toHandle().destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // acks written to the pipe before the kill and not read yet count too
            List<String> rest = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                rest.add(line);
            }
            rest.forEach(l -> record(l, inbound, sent));
        } finally {
            p.destroyForcibly();
        }
        assertThat(inbound.size() + sent.size()).as("acks before the kill; writer stderr:%n%s", Files.exists(stderr)
                ? Files.readString(stderr) : "").isGreaterThanOrEqualTo(BEFORE_KILL);
        assertThat(p.exitValue()).as("killed, not exited by itself").isNotEqualTo(3);
        return new Acks(inbound, sent);
    }

    private static void record(String line, Set<String> inbound, Set<Long> sent) {
        Matcher m = ACK.matcher(line);
        if (!m.matches()) {
            return; // a line cut by the kill was never acknowledged
        }
        if (m.group(1).equals("inbound")) {
            inbound.add(m.group(2));
        } else {
            sent.add(Long.parseLong(m.group(2)));
        }
    }

    private static void assertEverythingAcknowledgedIsThere(Database db, Acks acks) {
        Set<String> lost = new TreeSet<>(acks.inbound());
        lost.removeAll(db.withConnection(c -> Sql.list(c, "SELECT platform_message_id FROM inbound_log",
                rs -> rs.getString(1))));
        Set<Long> notSent = new TreeSet<>(acks.sent());
        notSent.removeAll(db.withConnection(c -> Sql.list(c, "SELECT id FROM outbox WHERE status = 'SENT'",
                rs -> rs.getLong(1))));

        assertThat(lost).as("%d of %d acknowledged inbound rows lost by the kill", lost.size(), acks.inbound().size())
                .isEmpty();
        assertThat(notSent).as("%d of %d replies marked SENT that are not SENT after the kill", notSent.size(),
                acks.sent().size()).isEmpty();
    }
}
