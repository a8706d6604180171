package dev.baton.knowledge.embed;

import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import dev.baton.knowledge.SyncReport;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.result.SearchResult;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator's model file ({@code knowledge.embedding}) behind a knowledge base, with a tiny model the test writes
 * ({@link TinyOnnxModel}): its synonyms find the entry BM25 cannot, its identity rebuilds the index when the file
 * changes, and a file that is not a model fails at load with its name.
 */
class ConfiguredModelTest {

    /** An English shop FAQ; the question words the tiny model knows are in {@link #model()}. */
    static final String FAQ = """
            id,question,answer,similar
            refund,How do I get a refund?,Refunds reach your card within 5 days.,I want my money back
            delivery,How long does delivery take?,Delivery takes 2 to 3 days.,when will my parcel arrive
            password,How do I reset my password?,Use Forgot password on the sign-in page.,I cannot login
            """;

    @TempDir
    Path tmp;

    /**
     * Eight dimensions: money words on 0, delivery words on 1, account words on 2, and the common words of
     * questions (the knowledge's own and its off-topic reference questions) spread over 3-6, so that the index's
     * calibration sees some variety.
     */
    static TinyOnnxModel model() {
        TinyOnnxModel m = new TinyOnnxModel(8);
        m.word("refund", m.axis(0, 1f)).word("reimbursement", m.axis(0, 0.9f)).word("money", m.axis(0, 0.8f))
                .word("delivery", m.axis(1, 1f)).word("parcel", m.axis(1, 0.9f)).word("shipping", m.axis(1, 0.9f))
                .word("password", m.axis(2, 1f)).word("login", m.axis(2, 0.9f)).word("passcode", m.axis(2, 0.9f));
        String[] common = {"how", "do", "i", "get", "a", "my", "the", "what", "is", "of", "who", "when", "why",
                "did", "in", "are", "many", "does", "was", "which", "will", "can", "you", "to", "long", "take"};
        for (int i = 0; i < common.length; i++) {
            float[] v = new float[8];
            v[3 + i % 4] = 0.1f;
            v[3 + (i * 3 + 1) % 4] += 0.05f;
            m.word(common[i], v);
        }
        return m;
    }

    static Path faq(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("faq.csv"), FAQ);
        return dir;
    }

    private EmbeddingSource.OnnxFiles files(TinyOnnxModel model, String name) throws Exception {
        Path[] written = model.write(tmp.resolve("models"), name);
        return new EmbeddingSource.OnnxFiles(written[0], written[1], PoolingMode.MEAN);
    }

    private KnowledgeBase open(EmbeddingSource source) throws Exception {
        ConfiguredEmbeddingModel model = ConfiguredEmbeddingModel.load(source);
        return KnowledgeBase.open(KnowledgeConfig.defaults(faq(tmp.resolve("kb")), tmp.resolve("index"))
                .withWatch(false), Embedders.of(model, model));
    }

    @Test
    void should_answer_a_question_whose_words_the_configured_model_maps_close_to_an_entry() throws Exception {
        try (KnowledgeBase kb = open(files(model(), "tiny"))) {
            kb.sync();

            SearchResult synonyms = kb.search("reimbursement please", 3); // no word of the FAQ: BM25 finds nothing
            assertThat(synonyms.best().map(KnowledgeHit::id)).contains("refund");
            assertThat(synonyms.confident()).as("answered, floor %s", synonyms.floor()).isTrue();
            assertThat(kb.search("my passcode", 3).best().map(KnowledgeHit::id)).contains("password");
            assertThat(kb.search("shipping", 3).best().map(KnowledgeHit::id)).contains("delivery");
        }
    }

    @Test
    void should_rebuild_the_index_and_its_calibration_when_the_model_file_changes() throws Exception {
        EmbeddingSource.OnnxFiles first = files(model(), "tiny");
        String before = first.identity();
        try (KnowledgeBase kb = open(first)) {
            assertThat(kb.sync().added()).hasSize(1);
        }
        try (KnowledgeBase kb = open(first)) { // the same file: the index is kept
            SyncReport again = kb.sync();
            assertThat(kb.size()).isEqualTo(3);
            assertThat(again.modifiedIndex()).isFalse();
        }

        // the operator replaces the file with another model under the same name: "reimbursement" now means delivery
        TinyOnnxModel other = model();
        other.word("reimbursement", other.axis(1, 0.9f));
        EmbeddingSource.OnnxFiles changed = files(other, "tiny");
        assertThat(changed.identity()).isNotEqualTo(before);
        try (KnowledgeBase kb = open(changed)) {
            assertThat(kb.size()).as("the old vectors are dropped").isZero();
            SyncReport rebuilt = kb.sync();

            assertThat(rebuilt.added()).hasSize(1);
            assertThat(kb.size()).isEqualTo(3);
            assertThat(kb.thresholds()).as("calibrated for the new model").isNotEmpty();
            assertThat(kb.search("reimbursement please", 3).best().map(KnowledgeHit::id)).contains("delivery");
        }
    }

    @Test
    void should_fail_at_load_naming_a_file_that_is_not_a_model() throws Exception {
        EmbeddingSource.OnnxFiles good = files(model(), "tiny");
        Path broken = tmp.resolve("models/broken.onnx");
        Files.writeString(broken, "not a model");

        assertThatThrownBy(() -> ConfiguredEmbeddingModel.load(new EmbeddingSource.OnnxFiles(broken, good.tokenizer(),
                PoolingMode.CLS))).isInstanceOf(IllegalStateException.class).hasMessageContaining("broken.onnx");
    }
}
