package dev.baton.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KnowledgeWatcherTest {

    @TempDir
    Path tmp;

    @Test
    void should_make_saved_changes_searchable_when_the_folder_is_watched() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        KnowledgeConfig cfg = new KnowledgeConfig(folder, tmp.resolve("index"), true, null,
                Duration.ofMillis(200));
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, Fixtures.model())) {
            kb.sync();
            kb.startWatching();

            Files.createDirectories(folder.resolve("stores"));
            Files.writeString(folder.resolve("stores/hours-faq.md"), "# 门店几点关门？\n\n所有门店晚上十点关门。\n");
            // generous bound for a loaded CI machine; the 2 s target is measured in bench/knowledge
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(kb.search("门店几点关门", 1).best()).hasValueSatisfying(h ->
                            assertThat(h.id()).isEqualTo("stores/hours-faq.md#门店几点关门")));

            Files.delete(folder.resolve("stores/hours-faq.md"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(kb.search("门店几点关门", 5).hits()).noneMatch(h -> h.id().startsWith("stores/")));

            Files.writeString(folder.resolve("_drafts/ignored.md"), "# 草稿？\n\n不索引。\n");
            Thread.sleep(600);
            assertThat(kb.search("草稿", 5).hits()).noneMatch(h -> h.citation().file().startsWith("_drafts"));
        }
    }

    @Test
    void should_not_watch_when_watching_is_disabled() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false),
                Fixtures.model())) {
            kb.sync();
            kb.startWatching();
            Files.writeString(folder.resolve("new-faq.md"), "# 新问题？\n\n新答案。\n");
            Thread.sleep(800);

            assertThat(kb.search("新问题", 5).hits()).noneMatch(h -> h.citation().file().equals("new-faq.md"));
        }
    }
}
