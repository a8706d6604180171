package dev.baton.core.store;

import dev.baton.core.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AckJournalTest {

    private static final Instant AT = Instant.parse("2026-11-21T08:00:00.123456Z");

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger checkpoints = new AtomicInteger();

    private AckJournal journal(Path file) throws Exception {
        return new AckJournal(file, checkpoints::incrementAndGet, nanos::get);
    }

    private static AckJournal.Entry entry(String wamid, String text) {
        return new AckJournal.Entry(Channel.of("whatsapp"), wamid, "8613800000000", "{\"text\":\"" + text + "\"}", AT);
    }

    @Test
    void should_give_back_every_complete_entry_and_ignore_one_torn_by_a_kill() throws Exception {
        Path file = dir.resolve("db.acks");
        try (AckJournal j = journal(file)) {
            j.append(List.of(entry("wamid.1", "怎么退货？"), entry("wamid.2", "x".repeat(70_000))));
            j.append(List.of(entry("wamid.3", "where is my parcel")));
        }
        byte[] whole = Files.readAllBytes(file);
        // the process died in the middle of writing a fourth entry: its length and a few bytes made it to the file
        Files.write(file, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5}, StandardOpenOption.APPEND);

        try (AckJournal j = journal(file)) {
            assertThat(j.read()).containsExactly(entry("wamid.1", "怎么退货？"), entry("wamid.2", "x".repeat(70_000)),
                    entry("wamid.3", "where is my parcel"));
        }
        // a damaged entry (here the last byte of the third) ends the list too: nothing after it is trusted
        whole[whole.length - 1] ^= 1;
        Files.write(file, whole);
        try (AckJournal j = journal(file)) {
            assertThat(j.read()).extracting(AckJournal.Entry::platformMessageId).containsExactly("wamid.1", "wamid.2");
        }
    }

    @Test
    void should_empty_the_file_after_a_checkpoint_once_its_oldest_entry_is_a_second_old() throws Exception {
        try (AckJournal j = journal(dir.resolve("db.acks"))) {
            j.append(List.of(entry("wamid.1", "hi")));
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
            j.truncateIfStale();
            j.append(List.of(entry("wamid.2", "hi")));
            assertThat(checkpoints.get()).isZero();
            assertThat(j.read()).hasSize(2);

            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            j.truncateIfStale();
            assertThat(checkpoints.get()).isEqualTo(1);
            assertThat(j.size()).isZero();

            // and at an append, before writing the new entry
            j.append(List.of(entry("wamid.3", "hi")));
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
            j.append(List.of(entry("wamid.4", "hi")));
            assertThat(checkpoints.get()).isEqualTo(2);
            assertThat(j.read()).extracting(AckJournal.Entry::platformMessageId).containsExactly("wamid.4");
        }
    }

    @Test
    void should_put_back_at_open_the_acknowledged_rows_the_database_file_missed_and_only_those() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db");
        try (Database db = Database.open(url, "sa", "", 2)) {
            db.inTransaction(c -> new InboundLog(false).insert(c, Channel.of("whatsapp"), "wamid.kept", "8613800000000",
                    "{}", AT));
        }
        // as after a kill: the journal holds a row the file has and one it never got
        try (AckJournal j = journal(dir.resolve("db.acks"))) {
            j.append(List.of(entry("wamid.kept", "old"), entry("wamid.lost", "怎么退货？")));
        }

        try (Database db = Database.open(url, "sa", "", 2)) {
            List<InboundLog.Row> rows = db.withConnection(c -> new InboundLog(false).pending(c, 10));
            assertThat(rows).extracting(InboundLog.Row::platformMessageId).containsExactly("wamid.kept", "wamid.lost");
            InboundLog.Row lost = rows.get(1);
            assertThat(lost.payload()).isEqualTo("{\"text\":\"怎么退货？\"}");
            assertThat(lost.receivedAt()).isEqualTo(AT);
            assertThat(lost.status()).isEqualTo(InboundLog.Status.PENDING);
            assertThat(rows.get(0).payload()).as("a row the file has is left as it is").isEqualTo("{}");
            assertThat(db.durability().journal().size()).isZero();
        }
    }
}
