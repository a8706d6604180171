package dev.baton.knowledge;

import dev.baton.knowledge.embed.LazyEmbeddingModel;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.Manifest;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** English text goes through the English model, Chinese through the Chinese one, each question to its language's entries. */
class LanguageRoutingTest {

    @TempDir
    Path tmp;

    /** Records what the real model it wraps is asked to embed. */
    static final class Recording implements EmbeddingModel {
        final EmbeddingModel inner;
        final List<String> texts = new CopyOnWriteArrayList<>();

        Recording(EmbeddingModel inner) {
            this.inner = inner;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            segments.forEach(s -> texts.add(s.text()));
            return inner.embedAll(segments);
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "怎么退货 | ZH", "How do I return an item? | EN", "X200 耳机怎么充电 | ZH", "my X200 won't charge | EN",
            "花呗 repay | ZH", "花呗 how to repay | EN", "12345678 | ZH", "👍 | ZH", "'' | ZH", "café ouvert ? | EN"})
    void should_tell_the_language_of_a_text_by_its_share_of_han_letters(String text, DocLanguage expected) {
        assertThat(DocLanguage.of(text)).isEqualTo(expected);
    }

    @Test
    void should_embed_english_entries_and_questions_with_the_english_model_and_answer_from_english_entries() throws Exception {
        Recording english = new Recording(InProcessEmbeddings.bgeSmallEnQuantized());
        Recording chinese = new Recording(Fixtures.model());
        KnowledgeConfig cfg = KnowledgeConfig.defaults(AbstentionTest.shop(tmp.resolve("kb")), tmp.resolve("index"))
                .withWatch(false);
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, Embedders.of(chinese, english))) {
            kb.sync();
            assertThat(english.texts).contains("How much is shipping?", "do you charge for delivery")
                    .doesNotContain("运费怎么算？");
            assertThat(kb.hasEnglishVectors()).isTrue();
            english.texts.clear();
            chinese.texts.clear();

            SearchResult en = kb.search("Do you charge for shipping?", 3);
            SearchResult zh = kb.search("要付运费吗", 3);

            assertThat(english.texts).containsExactly("Do you charge for shipping?");
            assertThat(chinese.texts).containsExactly("要付运费吗");
            assertThat(en.best().orElseThrow().id()).isEqualTo("en-shipping");
            assertThat(en.hits()).allMatch(h -> h.id().startsWith("en-")); // not the Chinese entry on the topic
            assertThat(zh.best().orElseThrow().id()).isEqualTo("zh-shipping");
            assertThat(zh.hits()).allMatch(h -> h.id().startsWith("zh-"));
        }
        Manifest manifest = Manifest.load(tmp.resolve("index"), "");
        assertThat(manifest.format()).isEqualTo(Manifest.FORMAT);
        assertThat(manifest.model()).isEqualTo("dev.baton.knowledge.LanguageRoutingTest$Recording:512+"
                + "dev.baton.knowledge.LanguageRoutingTest$Recording:384"); // both models: a change of either rebuilds
    }

    @Test
    void should_never_load_the_english_model_when_the_knowledge_has_no_english_entries() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        LazyEmbeddingModel english = new LazyEmbeddingModel(() -> {
            loads.incrementAndGet();
            return InProcessEmbeddings.bgeSmallEnQuantized();
        }, "en:384", 384);
        Path folder = Files.createDirectories(tmp.resolve("zh-only"));
        Files.writeString(folder.resolve("faq.csv"), """
                id,question,answer
                zh-return,怎么退货？,在“我的订单”里申请售后即可退货。
                zh-shipping,运费怎么算？,订单满 99 元包邮，否则运费 10 元。
                """);
        KnowledgeConfig cfg = KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false);
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, Embedders.of(Fixtures.model(), english))) {
            kb.sync();

            SearchResult en = kb.search("how much is the delivery fee", 2); // searched with the Chinese model

            assertThat(en.hits()).isNotEmpty();
            assertThat(kb.hasEnglishVectors()).isFalse();
            assertThat(english.loaded()).isFalse();
            assertThat(loads).hasValue(0);
        }
    }
}
