package dev.baton.core.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The eval arithmetic on tiny fixtures of our own, each with one deliberate miss. */
class EvalTest {

    static Triage triage;

    @BeforeAll
    static void load() {
        triage = new Triage(TriageConfig.defaults(), new BgeSmallZhV15QuantizedEmbeddingModel());
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(EvalTest.class.getResource("/triage/" + name).toURI());
    }

    @Test
    void should_count_precision_and_recall_when_triage_cases_run() throws Exception {
        // given 4 expected handoffs (one unreachable: opening hours) and 2 bot cases
        List<TriageEval.Miss> misses = new ArrayList<>();
        // when
        TriageReport r = TriageEval.run(triage, new HandoffPolicy(HandoffConfig.defaults()),
                fixture("triage-cases.jsonl"), misses::add);
        // then
        assertThat(r.cases()).isEqualTo(6);
        assertThat(r.tp()).isEqualTo(3);
        assertThat(r.fn()).isEqualTo(1);
        assertThat(r.fp()).isZero();
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(0.75);
        assertThat(r.perReason()).containsKeys("explicit_request", "complaint");
        assertThat(misses).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("你们几点开门"));
        assertThat(r.toTable()).contains("precision 1.0000", "recall 0.7500");
    }

    @Test
    void should_print_one_json_line_when_report_is_serialised() throws Exception {
        // given
        TriageReport r = TriageEval.run(triage, new HandoffPolicy(HandoffConfig.defaults()),
                fixture("triage-cases.jsonl"));
        // when
        String json = r.toJson();
        // then
        assertThat(json).doesNotContain("\n");
        JsonNode n = new ObjectMapper().readTree(json);
        assertThat(n.get("recall").asDouble()).isEqualTo(0.75);
        assertThat(n.get("confusion").get("counts").get("handoff").get("bot").asLong()).isEqualTo(1);
    }

    @Test
    void should_compute_accuracy_and_macro_f1_when_sentiment_cases_run() throws Exception {
        // when
        SentimentReport r = SentimentEval.run(triage, fixture("sentiment-cases.jsonl"));
        // then five of six are right ("不错" is labelled negative on purpose)
        assertThat(r.cases()).isEqualTo(6);
        assertThat(r.accuracy()).isEqualTo(0.8333);
        assertThat(r.confusion().get("negative", "positive")).isEqualTo(1);
        assertThat(r.perLanguage()).containsKeys("zh", "en");
        assertThat(r.perClass().get("neutral").recall()).isEqualTo(1.0);
        assertThat(r.toJson()).doesNotContain("\n");
        assertThat(r.toTable()).contains("accuracy 0.8333");
    }
}
