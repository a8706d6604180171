import dev.baton.knowledge.*;
import dev.baton.knowledge.eval.RetrievalEval;
import dev.baton.knowledge.index.TextNormalizer;
import dev.baton.knowledge.search.FusionWeights;

import java.nio.file.Path;
import java.util.*;

/**
 * Offline sweep of fusion formulas: collects, per query, every candidate of BM25 (raw score, rank) and kNN
 * (exact vector score) once, then scores formulas in memory. Usage:
 * java -cp CP FusionSweep knowledgeDir cases.jsonl indexDir
 */
public class FusionSweep {
    record Cand(String id, String question, double vec, double bm25, int bmRank) {}

    public static void main(String[] args) throws Exception {
        var cfg = new KnowledgeConfig(Path.of(args[0]), Path.of(args[2]), false, 0.8, java.time.Duration.ofMillis(300));
        var weights = new FusionWeights(Integer.getInteger("depth", 50), Integer.getInteger("depth", 50), 0.0,
                Double.parseDouble(System.getProperty("body", "0.3")), 0.2);
        List<RetrievalEval.Case> cases = RetrievalEval.readCases(Path.of(args[1]));
        List<List<Cand>> all = new ArrayList<>();
        TextNormalizer norm = new TextNormalizer();
        try (KnowledgeBase kb = KnowledgeBase.open(cfg, KnowledgeBase.defaultEmbeddingModel(), weights)) {
            kb.sync();
            for (var c : cases) {
                Map<String, Double> bm = new HashMap<>();
                for (KnowledgeHit h : kb.search(c.query(), 200, RetrievalMode.BM25).hits()) bm.put(h.id(), h.fusedScore());
                List<Cand> cands = new ArrayList<>();
                for (KnowledgeHit h : kb.search(c.query(), 200, RetrievalMode.HYBRID).hits())
                    cands.add(new Cand(h.id(), h.question(), h.vectorScore(), bm.getOrDefault(h.id(), 0.0), h.bm25Rank()));
                all.add(cands);
            }
        }
        System.out.println("collected");
        double[] bw = {0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15};
        double[] dw = {0, 0.02, 0.05, 0.1};
        for (String f : List.of("max", "sat", "rrf")) {
            for (double b : bw) for (double d : dw) {
                double r1 = 0, r5 = 0, mrr = 0;
                for (int i = 0; i < cases.size(); i++) {
                    List<Cand> cands = all.get(i);
                    String q = norm.lexical(cases.get(i).query());
                    double max = cands.stream().mapToDouble(Cand::bm25).max().orElse(1);
                    Map<String, Double> s = new HashMap<>();
                    for (Cand c : cands) {
                        double lex = switch (f) {
                            case "max" -> max > 0 ? c.bm25 / max : 0;
                            case "sat" -> c.bm25 / (c.bm25 + 10);
                            default -> c.bmRank == 0 ? 0 : 10.0 / (10 + c.bmRank);
                        };
                        double dice = d == 0 ? 0 : dice(q, norm.lexical(c.question));
                        s.put(c.id, c.vec + b * lex + d * dice);
                    }
                    List<String> ranked = s.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).map(Map.Entry::getKey).toList();
                    int rank = 0;
                    for (int j = 0; j < Math.min(10, ranked.size()); j++) if (cases.get(i).expected().contains(ranked.get(j))) { rank = j + 1; break; }
                    if (rank == 1) r1++;
                    if (rank >= 1 && rank <= 5) r5++;
                    if (rank >= 1) mrr += 1.0 / rank;
                }
                int n = cases.size();
                System.out.printf("%s b=%.2f dice=%.2f  r1=%.3f r5=%.3f mrr=%.3f%n", f, b, d, r1 / n, r5 / n, mrr / n);
            }
        }
    }

    static double dice(String a, String b) {
        Set<String> x = bigrams(a), y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) return 0;
        int inter = 0;
        for (String s : x) if (y.contains(s)) inter++;
        return 2.0 * inter / (x.size() + y.size());
    }

    static Set<String> bigrams(String s) {
        s = s.replace(" ", "");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 <= s.length(); i++) out.add(s.substring(i, i + 2));
        return out;
    }
}
