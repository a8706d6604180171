package dev.baton.knowledge;

import dev.baton.knowledge.embed.CachingEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CachingEmbeddingModelTest {

    @TempDir
    Path tmp;

    /** Counts the texts it is asked to embed. */
    static final class CountingModel implements EmbeddingModel {
        final EmbeddingModel inner = new KnowledgeModelChangeTest.HashingEmbeddingModel();
        final List<String> calls = new ArrayList<>();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            segments.forEach(s -> calls.add(s.text()));
            return inner.embedAll(segments);
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }
    }

    @Test
    void should_embed_a_text_once_when_triage_and_search_both_ask_for_it() {
        CountingModel counting = new CountingModel();
        CachingEmbeddingModel model = new CachingEmbeddingModel(counting, 16);

        float[] first = model.embed("怎么退货？").content().vector();
        first[0] = 999f; // a caller scribbling on its copy must not change what others get
        float[] second = model.embed(TextSegment.from("怎么退货？")).content().vector();

        assertThat(counting.calls).containsExactly("怎么退货？");
        assertThat(second).isEqualTo(counting.inner.embed("怎么退货？").content().vector());
        assertThat(model.hits()).isEqualTo(1);
        assertThat(model.misses()).isEqualTo(1);
    }

    @Test
    void should_pass_batches_through_and_forget_the_least_recently_used_text() {
        CountingModel counting = new CountingModel();
        CachingEmbeddingModel model = new CachingEmbeddingModel(counting, 2);

        model.embedAll(List.of(TextSegment.from("a"), TextSegment.from("b"), TextSegment.from("c")));
        model.embed("a");
        model.embed("x");
        model.embed("y"); // evicts "a"
        model.embed("a");

        assertThat(counting.calls).containsExactly("a", "b", "c", "a", "x", "y", "a");
    }

    @Test
    void should_keep_an_index_built_without_the_cache() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        KnowledgeConfig cfg = KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false);
        CountingModel counting = new CountingModel();
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, counting)) {
            assertThat(kb.sync().totalEntries()).isPositive();
        }
        counting.calls.clear();

        try (KnowledgeBase kb = KnowledgeBase.open(cfg, new CachingEmbeddingModel(counting, 16))) {
            SyncReport report = kb.sync();

            assertThat(report.reEmbedded()).isZero();
            assertThat(counting.calls).isEmpty();
        }
    }
}
