package dev.baton.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

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
            // a file saved after the draft: once it is searchable, a re-sync has run with the draft in the folder
            Files.writeString(folder.resolve("parking-faq.md"), "# 可以停车吗？\n\n门店有免费停车位。\n");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(kb.search("可以停车吗", 1).best()).hasValueSatisfying(h ->
                            assertThat(h.id()).isEqualTo("parking-faq.md#可以停车吗")));
            assertThat(kb.search("草稿", 5).hits()).noneMatch(h -> h.citation().file().startsWith("_drafts"));
        }
    }

    @Test
    void should_not_watch_when_watching_is_disabled() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false),
                Fixtures.model())) {
            kb.sync();
            Set<Thread> watchers = watcherThreads();
            kb.startWatching();
            Files.writeString(folder.resolve("new-faq.md"), "# 新问题？\n\n新答案。\n");

            // no watcher thread was started, so nothing can index the new file later
            assertThat(watcherThreads()).isEqualTo(watchers);
            assertThat(kb.search("新问题", 5).hits()).noneMatch(h -> h.citation().file().equals("new-faq.md"));
        }
    }

    /** The live threads of {@code FolderWatcher}s (it names its one thread). */
    private static Set<Thread> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("baton-knowledge-watcher"))
                .collect(Collectors.toSet());
    }
}
