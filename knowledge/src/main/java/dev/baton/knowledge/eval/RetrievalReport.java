package dev.baton.knowledge.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.knowledge.result.RetrievalMode;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics of one evaluation run, per retrieval mode.
 *
 * @param cases   number of cases evaluated
 * @param entries number of knowledge entries in the index
 * @param modes   metrics per mode
 */
public record RetrievalReport(int cases, int entries, Map<RetrievalMode, ModeMetrics> modes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RetrievalReport {
        modes = Map.copyOf(modes);
    }

    /**
     * @param recallAt1 share of cases whose expected entry is ranked first
     * @param recallAt5 share of cases with an expected entry in the top 5
     * @param mrrAt10   mean reciprocal rank of the first expected entry, 0 beyond rank 10
     * @param p50Millis median search latency, query embedding included
     * @param p99Millis 99th percentile search latency
     */
    public record ModeMetrics(double recallAt1, double recallAt5, double mrrAt10, double p50Millis, double p99Millis) {
    }

    /** One line of JSON: {@code {"cases":…,"entries":…,"hybrid":{"recall@1":…},"bm25":{…},"dense":{…}}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("cases", cases);
        root.put("entries", entries);
        for (RetrievalMode mode : RetrievalMode.values()) {
            ModeMetrics m = modes.get(mode);
            if (m == null) {
                continue;
            }
            ObjectNode n = root.putObject(mode.name().toLowerCase(Locale.ROOT));
            n.put("recall@1", round(m.recallAt1()));
            n.put("recall@5", round(m.recallAt5()));
            n.put("mrr@10", round(m.mrrAt10()));
            n.put("p50_ms", round(m.p50Millis()));
            n.put("p99_ms", round(m.p99Millis()));
        }
        return root.toString();
    }

    /** A Markdown table, one row per mode. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("%d cases, %d entries%n".formatted(cases, entries));
        sb.append("| method | recall@1 | recall@5 | MRR@10 | p50 ms | p99 ms |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (RetrievalMode mode : RetrievalMode.values()) {
            ModeMetrics m = new TreeMap<>(modes).get(mode);
            if (m != null) {
                sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.1f | %.1f |%n",
                        mode.name().toLowerCase(Locale.ROOT), m.recallAt1(), m.recallAt5(), m.mrrAt10(),
                        m.p50Millis(), m.p99Millis()));
            }
        }
        return sb.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
