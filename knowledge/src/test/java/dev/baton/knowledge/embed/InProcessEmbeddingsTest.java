package dev.baton.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The tuned-session model must give LangChain4j's vectors: same graph, tokenizer and pooling, other threading. */
class InProcessEmbeddingsTest {

    private static final List<String> TEXTS = List.of("你好", "我的订单三天了还没发货，转人工",
            "where is my package?", "I was charged twice for the same order, this is ridiculous", "ok",
            "退款什么时候到账 refund please 🙏",
            // longer than 510 tokens: split into parts and averaged by the encoder, as in the library
            "我想查询一下我的订单状态。".repeat(60));

    @Test
    void should_give_the_library_models_vectors() {
        EmbeddingModel library = new BgeSmallZhV15QuantizedEmbeddingModel();
        EmbeddingModel tuned = InProcessEmbeddings.bgeSmallZhQuantized();
        assertThat(tuned.dimension()).isEqualTo(library.dimension()).isEqualTo(512);
        for (String text : TEXTS) {
            float[] expected = library.embed(text).content().vector();
            float[] actual = tuned.embed(text).content().vector();
            assertThat(actual).hasSameSizeAs(expected);
            assertThat(cosine(expected, actual)).as(text).isGreaterThan(0.9999);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("%s [%d]", text, i).isCloseTo(expected[i], within(1e-4f));
            }
        }
        List<Embedding> batch = tuned.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();
        assertThat(batch).hasSize(TEXTS.size());
        assertThat(batch.get(2).vector()).containsExactly(tuned.embed(TEXTS.get(2)).content().vector());
    }

    @Test
    void should_keep_indexes_built_with_the_library_model() {
        assertThat(InProcessEmbeddings.identity(InProcessEmbeddings.bgeSmallZhQuantized()))
                .isEqualTo(InProcessEmbeddings.identity(new BgeSmallZhV15QuantizedEmbeddingModel()));
    }

    @Test
    void should_load_the_model_at_its_first_embedding_not_when_built() {
        EmbeddingModel model = new CachingEmbeddingModel(InProcessEmbeddings.bgeSmallZhQuantized(1), 16);

        assertThat(InProcessEmbeddings.identity(CachingEmbeddingModel.unwrap(model)))
                .isEqualTo(InProcessEmbeddings.identity(InProcessEmbeddings.bgeSmallZhQuantized()));
        assertThat(model.dimension()).isEqualTo(512);
        assertThat(InProcessEmbeddings.loaded(model)).as("identity and dimension need no model").isFalse();

        InProcessEmbeddings.load(model);

        assertThat(InProcessEmbeddings.loaded(model)).isTrue();
        assertThat(model.embed("你好").content().vector()).hasSize(512);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
