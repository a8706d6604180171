package dev.baton.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.result.RetrievalMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs retrieval cases ({@code {"query": "…", "expected": ["<entry id>", …]}} per line) against a synced knowledge
 * base, in every {@link RetrievalMode}, single-threaded. Latency is the wall time of one
 * {@link KnowledgeBase#search(String, int, RetrievalMode)} call with k = 10, query embedding included; every mode first runs
 * {@code warmup} cases (cycling) before any mode is timed.
 */
public final class RetrievalEval {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int K = 10;

    private RetrievalEval() {
    }

    /** One case. */
    public record Case(String query, Set<String> expected) {
    }

    /** Evaluates every mode over the cases file. */
    public static RetrievalReport run(KnowledgeBase kb, Path casesJsonl, int warmup) {
        List<Case> cases = readCases(casesJsonl);
        Map<RetrievalMode, RetrievalReport.ModeMetrics> modes = new EnumMap<>(RetrievalMode.class);
        // Warm every mode up before timing any, so that the mode measured first does not pay for JIT compilation.
        for (RetrievalMode mode : RetrievalMode.values()) {
            warmUp(kb, cases, mode, warmup);
        }
        for (RetrievalMode mode : RetrievalMode.values()) {
            modes.put(mode, evaluate(kb, cases, mode, 0));
        }
        return new RetrievalReport(cases.size(), kb.size(), modes);
    }

    /** Metrics of one mode. */
    public static RetrievalReport.ModeMetrics evaluate(KnowledgeBase kb, List<Case> cases, RetrievalMode mode, int warmup) {
        warmUp(kb, cases, mode, warmup);
        double hits1 = 0, hits5 = 0, rr = 0;
        long[] nanos = new long[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            long t0 = System.nanoTime();
            List<KnowledgeHit> hits = kb.search(c.query(), K, mode).hits();
            nanos[i] = System.nanoTime() - t0;
            int rank = rankOf(hits, c.expected());
            if (rank == 1) {
                hits1++;
            }
            if (rank >= 1 && rank <= 5) {
                hits5++;
            }
            if (rank >= 1 && rank <= K) {
                rr += 1.0 / rank;
            }
        }
        int n = Math.max(1, cases.size());
        Arrays.sort(nanos);
        return new RetrievalReport.ModeMetrics(hits1 / n, hits5 / n, rr / n, percentile(nanos, 0.50), percentile(nanos, 0.99));
    }

    private static void warmUp(KnowledgeBase kb, List<Case> cases, RetrievalMode mode, int warmup) {
        for (int i = 0; i < warmup && !cases.isEmpty(); i++) {
            kb.search(cases.get(i % cases.size()).query(), K, mode);
        }
    }

    /** 1-based rank of the first expected id, 0 when absent. */
    static int rankOf(List<KnowledgeHit> hits, Set<String> expected) {
        for (int i = 0; i < hits.size(); i++) {
            if (expected.contains(hits.get(i).id())) {
                return i + 1;
            }
        }
        return 0;
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, idx))] / 1e6;
    }

    /** Reads a JSONL cases file; blank lines are skipped. */
    public static List<Case> readCases(Path file) {
        try {
            List<Case> cases = new ArrayList<>();
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(l);
                if (!n.hasNonNull("query") || !n.has("expected")) {
                    throw new IllegalArgumentException(file + " line " + line + ": needs \"query\" and \"expected\"");
                }
                Set<String> expected = new HashSet<>();
                n.get("expected").forEach(e -> expected.add(e.asText()));
                cases.add(new Case(n.get("query").asText(), expected));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
