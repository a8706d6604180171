package dev.baton.knowledge;

import dev.baton.knowledge.index.IndexInUseException;
import dev.baton.knowledge.result.KnowledgeHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A running Baton holds the index; `baton ask` and `baton index` must still work beside it. And a knowledge folder
 * that is not there must not empty the index.
 */
class KnowledgeSharingTest {

    @TempDir
    Path tmp;

    private KnowledgeConfig config(Path folder) {
        return KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false);
    }

    @Test
    void should_search_read_only_and_tell_what_is_pending_while_another_holds_the_index() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        try (KnowledgeBase server = KnowledgeBase.open(config(folder), Fixtures.model())) {
            server.sync();

            assertThatThrownBy(() -> KnowledgeBase.open(config(folder), Fixtures.model()))
                    .isInstanceOf(IndexInUseException.class).hasMessageContaining("in use");
            try (KnowledgeBase reader = KnowledgeBase.openReadOnly(config(folder), Fixtures.model())) {
                assertThat(reader.size()).isEqualTo(server.size()).isPositive();
                assertThat(reader.search("钱退回来要几天", 3).best()).get()
                        .extracting(KnowledgeHit::id).isEqualTo("faq/after-sales-faq.md#退款多久到账");
                assertThat(reader.pending().upToDate()).isTrue();

                Files.writeString(folder.resolve("new.md"), "# 发票怎么开\n在订单详情页申请电子发票。\n");
                Files.delete(folder.resolve("guide/warehouse.md"));
                PendingChanges pending = reader.pending();
                assertThat(pending.added()).containsExactly("new.md");
                assertThat(pending.removed()).containsExactly("guide/warehouse.md");
                assertThat(pending.upToDate()).isFalse();
                assertThatThrownBy(reader::sync).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void should_keep_the_index_when_the_folder_is_missing() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        int entries;
        try (KnowledgeBase kb = KnowledgeBase.open(config(folder), Fixtures.model())) {
            entries = kb.sync().totalEntries();
        }
        try (KnowledgeBase kb = KnowledgeBase.open(config(tmp.resolve("typo")), Fixtures.model())) {
            assertThatThrownBy(kb::sync).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("typo").hasMessageContaining("keeps its " + entries + " entries");
            assertThat(kb.size()).isEqualTo(entries);
        }
        assertThat(tmp.resolve("typo")).doesNotExist();
    }

    @Test
    void should_empty_the_index_when_the_folder_exists_but_is_empty() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        try (KnowledgeBase kb = KnowledgeBase.open(config(folder), Fixtures.model())) {
            kb.sync();
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (KnowledgeBase kb = KnowledgeBase.open(config(empty), Fixtures.model())) {
            assertThat(kb.sync().removed()).isNotEmpty();
            assertThat(kb.size()).isZero();
        }
    }

    @Test
    void should_say_there_is_no_index_yet_when_opening_read_only_before_any_sync() {
        assertThatThrownBy(() -> KnowledgeBase.openReadOnly(config(tmp.resolve("knowledge")), Fixtures.model()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no knowledge index");
    }
}
