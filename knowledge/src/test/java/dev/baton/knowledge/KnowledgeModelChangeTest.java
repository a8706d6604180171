package dev.baton.knowledge;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeModelChangeTest {

    @TempDir
    Path tmp;

    /** A deterministic stand-in for a remote embedding endpoint: character-hash vectors, not normalised. */
    static final class HashingEmbeddingModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> {
                float[] v = new float[64];
                s.text().codePoints().forEach(cp -> v[Math.floorMod(cp * 31, 64)] += 3f);
                v[0] += 1f;
                return Embedding.from(v);
            }).toList());
        }

        @Override
        public int dimension() {
            return 64;
        }
    }

    @Test
    void should_rebuild_everything_when_the_embedding_model_changes() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        KnowledgeConfig cfg = KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false);
        int entries;
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, new HashingEmbeddingModel())) {
            entries = kb.sync().totalEntries();
            assertThat(kb.search("X200 耳机保修多久", 1).best().orElseThrow().id()).isEqualTo("p-warranty");
        }

        try (KnowledgeBase kb = KnowledgeBase.open(cfg, Fixtures.model())) {
            assertThat(kb.size()).isZero();
            SyncReport report = kb.sync();

            assertThat(report.added()).hasSize(5);
            assertThat(report.totalEntries()).isEqualTo(entries);
            assertThat(kb.search("耳机坏了能免费修吗", 1).best().orElseThrow().id()).isEqualTo("p-warranty");
        }
    }
}
