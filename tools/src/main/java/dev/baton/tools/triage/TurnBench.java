package dev.baton.tools.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageConfig;
import dev.baton.core.triage.TriageInput;
import dev.baton.knowledge.embed.CachingEmbeddingModel;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.index.DocLanguage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of one customer turn's offline work (not a unit test): triage, then the knowledge search with its
 * abstention decision, wired as the app wires them (one cached bge-small-zh shared by both, one cached bge-small-en
 * loaded lazily and shared by English sentiment and the English knowledge), each case of an evaluation file as a
 * first message, each text once (as in a conversation: triage embeds it, the search finds it in the cache, and an
 * English question costs one more call, to the English model). Prints, per question language, p50 / p90 / p99 / max
 * in milliseconds of the turn and of the search alone, and the share of confident results; the first fifth of the
 * cases (at most 200) only warm up.
 *
 * <pre>
 * java -cp CP dev.baton.core.triage.bench.TurnBench KNOWLEDGE_DIR CASES.jsonl [--index-dir D] [--sample-every K]
 * </pre>
 */
public final class TurnBench {

    private TurnBench() {
    }

    public static void main(String[] args) throws Exception {
        Path knowledge = Path.of(args[0]);
        List<String> queries = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                queries.add(n.has("query") ? n.get("query").asText() : n.get("text").asText());
            }
        }
        Path indexDir = null;
        int every = 1;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--index-dir" -> indexDir = Path.of(args[++i]);
                case "--sample-every" -> every = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < queries.size(); i += every) {
            sample.add(queries.get(i));
        }
        Path dir = indexDir != null ? indexDir : Files.createTempDirectory("baton-turn-bench");
        CachingEmbeddingModel zh = new CachingEmbeddingModel(InProcessEmbeddings.bgeSmallZhQuantized(), 2048);
        CachingEmbeddingModel en = new CachingEmbeddingModel(InProcessEmbeddings.lazyBgeSmallEnQuantized(), 1024);
        Triage triage = new Triage(TriageConfig.defaults(), zh, en);
        KnowledgeConfig cfg = KnowledgeConfig.defaults(knowledge, dir).withWatch(false);
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, Embedders.of(zh, en))) {
            System.out.println("index: " + kb.sync().summary());
            System.out.println("thresholds: " + kb.thresholds().values());
            int warmUp = Math.min(200, sample.size() / 5); // JIT, reference vectors, the English model's first call
            Map<DocLanguage, List<long[]>> times = new EnumMap<>(DocLanguage.class);
            Map<DocLanguage, int[]> confident = new EnumMap<>(DocLanguage.class);
            for (int i = 0; i < sample.size(); i++) {
                String q = sample.get(i); // each text once: triage embeds it, the search finds it in the cache
                long t0 = System.nanoTime();
                triage.analyze(new TriageInput(q, List.of(), null));
                long t1 = System.nanoTime();
                SearchResult r = kb.search(q, 5);
                long t2 = System.nanoTime();
                if (i < warmUp) {
                    continue;
                }
                DocLanguage lang = DocLanguage.of(q);
                times.computeIfAbsent(lang, l -> new ArrayList<>()).add(new long[]{t2 - t0, t2 - t1});
                int[] c = confident.computeIfAbsent(lang, l -> new int[2]);
                c[0] += r.confident() ? 1 : 0;
                c[1]++;
            }
            for (var e : times.entrySet()) {
                long[] turn = e.getValue().stream().mapToLong(t -> t[0]).sorted().toArray();
                long[] search = e.getValue().stream().mapToLong(t -> t[1]).sorted().toArray();
                int[] c = confident.get(e.getKey());
                System.out.printf("%s  %d turns  turn %s  search %s  confident %.3f%n", e.getKey().code(),
                        turn.length, stats(turn), stats(search), c[0] / (double) c[1]);
            }
        } finally {
            if (indexDir == null) {
                deleteTree(dir);
            }
        }
    }

    private static String stats(long[] sortedNanos) {
        return String.format("p50 %.2f p90 %.2f p99 %.2f max %.2f ms", q(sortedNanos, 0.50), q(sortedNanos, 0.90),
                q(sortedNanos, 0.99), sortedNanos[sortedNanos.length - 1] / 1e6);
    }

    private static double q(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
