package dev.baton.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeAtomicityTest {

    @TempDir
    Path tmp;

    private static String faq(int entries, String answer) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            sb.append("# 第").append(i).append("个问题？\n\n").append(answer).append(i).append("\n\n");
        }
        return sb.toString();
    }

    @Test
    void should_show_readers_either_the_old_or_the_new_file_when_a_file_is_replaced_during_searches() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("knowledge"));
        Path file = folder.resolve("big-faq.md");
        Files.writeString(file, faq(30, "旧答案"));
        try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false),
                Fixtures.model())) {
            kb.sync();
            Set<Integer> sizesSeen = ConcurrentHashMap.newKeySet();
            AtomicBoolean done = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    sizesSeen.add(kb.size());
                }
            });
            reader.start();
            for (int round = 0; round < 4; round++) {
                Files.writeString(file, round % 2 == 0 ? faq(12, "新答案") : faq(30, "旧答案"));
                kb.sync();
            }
            done.set(true);
            reader.join();

            assertThat(sizesSeen).isSubsetOf(30, 12);
            assertThat(kb.size()).isEqualTo(30);
        }
    }
}
