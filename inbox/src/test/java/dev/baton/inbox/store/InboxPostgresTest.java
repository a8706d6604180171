package dev.baton.inbox.store;

import dev.baton.core.channel.Channel;
import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;
import dev.baton.core.store.Store;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.inbox.store.CannedReplyRepository.Scope;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's migrations (V2, V20) on a real PostgreSQL (embedded, nothing to install), as on H2 in the other tests:
 * canned replies and notes are stored and read back.
 */
class InboxPostgresTest {

    private static EmbeddedPostgresDatabase pg;
    private static Database db;

    @BeforeAll
    static void open() throws IOException {
        pg = EmbeddedPostgresDatabase.start(2);
        db = pg.db();
    }

    @AfterAll
    static void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void should_migrate_and_store_canned_replies_and_notes_on_postgresql() {
        assertThat(db.isPostgres()).isTrue();
        long applied = db.withConnection(c -> Sql.count(c,
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '20' AND \"success\""));
        assertThat(applied).as("V20 applied").isEqualTo(1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CannedReplyRepository replies = new CannedReplyRepository(db);
        CannedReplyRepository.Row team = replies.insert(Scope.TEAM, null, "hi", "您好 {customer.name}", "Hi", "ann", now);
        replies.insert(Scope.PERSONAL, "bob", "brb", null, "One moment", "bob", now);
        replies.insert(Scope.PERSONAL, "cleo", "x", null, "cleo's", "cleo", now);

        assertThat(replies.visibleTo("bob")).extracting(CannedReplyRepository.Row::shortcut)
                .containsExactly("brb", "hi");
        assertThat(replies.update(team.id(), "hello", "您好", null, now)).isTrue();
        assertThat(replies.teamReply("hello").orElseThrow().en()).isNull();
        assertThat(replies.delete(team.id())).isTrue();

        EngineBuilder.Built engine = new EngineBuilder(db).build();
        Store store = engine.store();
        long conv = db.inTransaction(c -> {
            long cu = store.customers().upsert(c, Channel.of("dev"), "pg-customer", null, now).id();
            return store.conversations().forCustomer(c, cu, Channel.of("dev"), null, now).id();
        });
        NoteRepository notes = new NoteRepository(db);
        notes.insert(conv, "bob", "called back, no answer", now);
        assertThat(notes.forConversation(conv)).singleElement()
                .satisfies(n -> assertThat(n.text()).isEqualTo("called back, no answer"))
                .satisfies(n -> assertThat(n.createdAt()).isEqualTo(now));
        engine.close();
    }
}
