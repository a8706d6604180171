package dev.baton.tools.triage;

import dev.baton.core.triage.EvalCases;
import dev.baton.core.triage.SentimentEval;
import dev.baton.core.triage.SentimentReport;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageConfig;
import dev.baton.core.triage.TriageEval;
import dev.baton.core.triage.TriageInput;
import dev.baton.core.triage.TriageOverrides;
import dev.baton.core.triage.TriageReport;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.nio.file.Path;

/**
 * Runs the triage or sentiment eval with the default config and the in-process bge-small-zh model
 * ({@link InProcessEmbeddings#bgeSmallZhQuantized()}, or LangChain4j's own with {@code --library-model}).
 * {@code baton eval triage|sentiment} runs the same evals from the CLI; this one also counts the sentiment rule's reach
 * and prints the misses. From the repository root:
 * <pre>
 * tools/run.sh triage.EvalMain triage ../shared/data/triage-en.jsonl --json
 * </pre>
 * Args: {@code triage|sentiment FILE [--json] [--errors] [--library-model] [--english-sentiment MODE]
 * [--reach THRESHOLD]}; {@code --reach} (sentiment) counts the messages scored at or below the threshold per class.
 * {@code --errors} prints every wrong case to stderr; English sentiment is scored as {@code triage.english-sentiment}
 * says: {@code embedding} (the app's default; loads bge-small-en), {@code classifier} or {@code lexicon}.
 */
public final class EvalMain {

    private EvalMain() {
    }

    public static void main(String[] args) {
        dev.baton.knowledge.embed.DjlOffline.apply(); // --library-model's tokenizer would call home otherwise
        if (args.length < 2 || !(args[0].equals("triage") || args[0].equals("sentiment"))) {
            System.err.println("usage: EvalMain triage|sentiment FILE.jsonl [--json] [--errors]");
            System.exit(2);
        }
        boolean json = java.util.Arrays.asList(args).contains("--json");
        boolean errors = java.util.Arrays.asList(args).contains("--errors");
        Path file = Path.of(args[1]);
        HandoffConfig handoff = HandoffConfig.defaults();
        int mode = java.util.Arrays.asList(args).indexOf("--english-sentiment");
        TriageOverrides overrides = new TriageOverrides(handoff.keywords(), null, null, null, null, null, null,
                mode >= 0 ? args[mode + 1] : null);
        TriageConfig cfg = TriageConfig.defaults().with(overrides);
        Triage triage = new Triage(cfg,
                java.util.Arrays.asList(args).contains("--library-model") ? new BgeSmallZhV15QuantizedEmbeddingModel()
                        : InProcessEmbeddings.bgeSmallZhQuantized(),
                cfg.needsEnglishModel() ? InProcessEmbeddings.bgeSmallEnQuantized() : null);
        if (args[0].equals("triage")) {
            TriageReport r = TriageEval.run(triage, new HandoffPolicy(handoff), file, m -> {
                if (errors) {
                    System.err.println(m.expected() + "\t" + m.intent() + "\t" + m.text() + "\t" + m.explanation());
                }
            });
            System.out.println(json ? r.toJson() : r.toTable());
        } else {
            SentimentReport r = SentimentEval.run(triage, file, m -> {
                if (errors) {
                    System.err.println(m.expected() + "\t" + m.predicted() + "\t" + m.score() + "\t" + m.text());
                }
            });
            System.out.println(json ? r.toJson() : r.toTable());
            int reach = java.util.Arrays.asList(args).indexOf("--reach");
            if (reach >= 0) {
                reach(triage, file, Double.parseDouble(args[reach + 1]));
            }
        }
    }

    /**
     * How often a message's sentiment score is at or below {@code threshold} (the {@code negative-sentiment} handoff
     * rule's), per expected class: how many upset customers the rule can catch, and how many others it may alarm on.
     */
    private static void reach(Triage triage, Path file, double threshold) {
        java.util.Map<String, int[]> byClass = new java.util.TreeMap<>();
        for (var row : EvalCases.read(file)) {
            double score = triage.analyze(TriageInput.of(EvalCases.text(row, "text", file))).sentiment().score();
            int[] n = byClass.computeIfAbsent(EvalCases.text(row, "sentiment", file), k -> new int[2]);
            n[0] += score <= threshold ? 1 : 0;
            n[1]++;
        }
        byClass.forEach((label, n) -> System.out.printf(java.util.Locale.ROOT,
                "score <= %.2f: %s %d/%d (%.2f)%n", threshold, label, n[0], n[1], n[0] / (double) n[1]));
    }
}
