package dev.baton.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.knowledge.Fixtures;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import dev.baton.knowledge.result.RetrievalMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RetrievalEvalTest {

    @TempDir
    Path tmp;

    @Test
    void should_report_recall_mrr_and_latency_per_mode_when_running_cases() throws Exception {
        Path folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        Path cases = tmp.resolve("cases.jsonl");
        Files.writeString(cases, """
                {"query": "钱退回来要几天", "expected": ["faq/after-sales-faq.md#退款多久到账"]}
                {"query": "耳机坏了能免费修吗", "expected": ["p-warranty"]}

                {"query": "怎么查积分", "expected": ["no-such-id"]}
                """);
        try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false),
                Fixtures.model())) {
            kb.sync();

            RetrievalReport report = RetrievalEval.run(kb, cases, 1);

            assertThat(report.cases()).isEqualTo(3);
            assertThat(report.modes()).containsOnlyKeys(RetrievalMode.values());
            RetrievalReport.ModeMetrics hybrid = report.modes().get(RetrievalMode.HYBRID);
            assertThat(hybrid.recallAt1()).isEqualTo(2.0 / 3);
            assertThat(hybrid.mrrAt10()).isEqualTo(2.0 / 3);
            assertThat(hybrid.p99Millis()).isPositive();
            JsonNode json = new ObjectMapper().readTree(report.toJson());
            assertThat(json.get("cases").asInt()).isEqualTo(3);
            assertThat(json.get("hybrid").get("recall@5").asDouble()).isEqualTo(0.6667);
            assertThat(report.toJson()).doesNotContain("\n");
            assertThat(report.toTable()).contains("| hybrid |", "| bm25 |", "| dense |");
        }
    }
}
