package dev.baton.core.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlTest {

    @Test
    void should_give_h2_a_statement_cache_and_a_larger_page_cache_unless_the_url_sets_them() {
        assertThat(Database.tuned("jdbc:h2:file:./data/baton"))
                .isEqualTo("jdbc:h2:file:./data/baton;QUERY_CACHE_SIZE=128;CACHE_SIZE=65536");
        assertThat(Database.tuned("jdbc:h2:file:./data/baton;cache_size=8192"))
                .isEqualTo("jdbc:h2:file:./data/baton;cache_size=8192;QUERY_CACHE_SIZE=128");
        assertThat(Database.tuned("jdbc:h2:mem:x;QUERY_CACHE_SIZE=16"))
                .isEqualTo("jdbc:h2:mem:x;QUERY_CACHE_SIZE=16;CACHE_SIZE=65536");
    }

    @Test
    void should_leave_other_databases_alone() {
        assertThat(Database.tuned("jdbc:postgresql://db/baton")).isEqualTo("jdbc:postgresql://db/baton");
    }

    @Test
    void should_wait_for_the_file_on_h2_on_disk_unless_the_url_sets_write_delay() {
        assertThat(Database.writesCommits("jdbc:h2:file:./data/baton")).isTrue();
        assertThat(Database.writesCommits("jdbc:h2:./data/baton;CACHE_SIZE=8192")).isTrue();
        assertThat(Database.writesCommits("jdbc:h2:tcp://db/~/baton")).isTrue();
        assertThat(Database.writesCommits("jdbc:h2:file:./data/baton;write_delay=0")).isFalse();
        assertThat(Database.writesCommits("jdbc:h2:file:./data/baton;WRITE_DELAY=500")).isFalse();
        assertThat(Database.writesCommits("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(Database.writesCommits("jdbc:postgresql://db/baton")).isFalse();
        assertThat(Database.writeDelay("jdbc:h2:file:./x; Write_Delay = 250")).isEqualTo(OptionalInt.of(250));
    }

    @Test
    void should_wait_for_the_file_after_a_write_and_not_after_a_read(@TempDir Path dir) {
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"), "sa", "", 2)) {
            long[] before = db.durability().groupCommitCounts();
            db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM inbound_log"));
            assertThat(db.durability().groupCommitCounts()).isEqualTo(before);

            db.inTransaction(c -> Sql.update(c, "DELETE FROM inbound_log WHERE id = -1"));
            db.withConnection(c -> Sql.update(c, "DELETE FROM inbound_log WHERE id = -1"));
            assertThat(db.durability().groupCommitCounts()[0]).isEqualTo(before[0] + 2);
        }
    }
}
