package dev.baton.core.triage;

import dev.baton.knowledge.InProcessEmbeddings;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.nio.file.Path;

/**
 * Runs the triage or sentiment eval with the default config and the in-process bge-small-zh model
 * ({@link InProcessEmbeddings#bgeSmallZhQuantized()}, or LangChain4j's own with {@code --library-model}), until
 * {@code baton eval} exists in the app:
 * <pre>
 * mvn -q -o -pl plugin-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.baton.core.triage.EvalMain -Dexec.args="triage ../shared/data/triage-en.jsonl --json"
 * </pre>
 * Args: {@code triage|sentiment FILE [--json] [--errors] [--library-model] [--english-sentiment MODE]}.
 * {@code --errors} prints every wrong case to stderr; English sentiment is scored as {@code triage.english-sentiment}
 * says: {@code embedding} (the app's default; loads bge-small-en), {@code classifier} or {@code lexicon}.
 */
public final class EvalMain {

    private EvalMain() {
    }

    public static void main(String[] args) {
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
        }
    }
}
