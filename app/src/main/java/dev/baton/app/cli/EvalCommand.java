package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import dev.baton.app.KnowledgeModels;
import dev.baton.eval.AbstainCommand;
import dev.baton.eval.ConversationsCommand;
import dev.baton.config.BatonConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.triage.SentimentEval;
import dev.baton.core.triage.SentimentReport;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageEval;
import dev.baton.core.triage.TriageReport;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.eval.RetrievalEvalMain;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton eval retrieval|triage|sentiment|conversations|abstain}: measure Baton on labelled cases; {@code --json}
 * ends with one JSON line. The last two play customers against a whole in-process Baton (the eval module, {@code dev.baton.eval}).
 */
@CommandLine.Command(name = "eval",
        description = "Measure retrieval, triage, sentiment, conversations or abstention on labelled cases.",
        subcommands = {EvalCommand.Retrieval.class, EvalCommand.TriageCases.class, EvalCommand.SentimentCases.class,
                ConversationsCommand.class, AbstainCommand.class})
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Recall@1, recall@5, MRR@10 and latency for hybrid, BM25-only and dense-only retrieval. */
    @CommandLine.Command(name = "retrieval", description = "Recall@1/5, MRR@10 and latency for hybrid, BM25 and dense.")
    public static final class Retrieval implements Callable<Integer> {

        @CommandLine.Option(names = "--knowledge", required = true, description = "knowledge folder")
        Path knowledge;

        @CommandLine.Option(names = "--cases", required = true, description = "cases (.jsonl: {\"query\", \"expected\": [ids]})")
        Path cases;

        @CommandLine.Option(names = "--json", description = "end with one JSON line of metrics")
        boolean json;

        @CommandLine.Option(names = "--index-dir", description = "keep the index here (default: a temporary one)")
        Path indexDir;

        @CommandLine.Option(names = "--config", description = "baton.yaml whose knowledge.embedding models to use "
                + "(default: the packaged ones)")
        Path config;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(knowledge)) {
                throw new IllegalArgumentException("--knowledge " + knowledge + " is not a folder");
            }
            requireFile(cases);
            List<String> args = new ArrayList<>(List.of(knowledge.toString(), cases.toString()));
            if (json) {
                args.add("--json");
            }
            if (indexDir != null) {
                args.add("--index-dir");
                args.add(indexDir.toString());
            }
            RetrievalEvalMain.run(args.toArray(String[]::new), config == null ? KnowledgeBase.defaultEmbedders()
                    : KnowledgeModels.embedders(ConfigSource.loadKnowledge(config).config().knowledge()));
            return 0;
        }
    }

    /**
     * The shared shape of the offline-triage evals: read the config (handoff and triage settings), build triage on
     * the in-process model, run the cases, print the table and, with {@code --json}, one JSON line.
     */
    abstract static class TriageBasedEval implements Callable<Integer> {

        @CommandLine.Option(names = "--config", description = "baton.yaml whose handoff/triage settings to use")
        Path config;

        @CommandLine.Option(names = "--json", description = "end with one JSON line of metrics")
        boolean json;

        /** The cases file of the subcommand. */
        abstract Path cases();

        /** Runs the eval; returns the table and the JSON line. */
        abstract String[] evaluate(BatonConfig cfg, Triage triage, Path cases);

        @Override
        public Integer call() {
            requireFile(cases());
            BatonConfig cfg = ConfigSource.load(config).config();
            String[] tableAndJson = evaluate(cfg, BatonRuntime.triage(cfg, KnowledgeBase.defaultEmbeddingModel()),
                    cases());
            System.out.print(tableAndJson[0]);
            if (json) {
                System.out.println(tableAndJson[1]);
            }
            return 0;
        }
    }

    /** Handoff-vs-bot precision, recall and F1, per reason, and the confusion matrix. */
    @CommandLine.Command(name = "triage", description = "Handoff-vs-bot precision/recall/F1, per reason, confusion matrix.")
    public static final class TriageCases extends TriageBasedEval {

        @CommandLine.Option(names = "--cases", required = true, description = "cases (.jsonl: {\"text\", \"expect\": handoff|bot})")
        Path cases;

        @Override
        Path cases() {
            return cases;
        }

        @Override
        String[] evaluate(BatonConfig cfg, Triage triage, Path file) {
            TriageReport report = TriageEval.run(triage, new HandoffPolicy(cfg.handoff()), file);
            return new String[] {report.toTable(), report.toJson()};
        }
    }

    /** Sentiment accuracy and macro-F1. */
    @CommandLine.Command(name = "sentiment", description = "Sentiment accuracy and macro-F1.")
    public static final class SentimentCases extends TriageBasedEval {

        @CommandLine.Option(names = "--cases", required = true, description = "cases (.jsonl: {\"text\", \"sentiment\"})")
        Path cases;

        @Override
        Path cases() {
            return cases;
        }

        @Override
        String[] evaluate(BatonConfig cfg, Triage triage, Path file) {
            SentimentReport report = SentimentEval.run(triage, file);
            return new String[] {report.toTable(), report.toJson()};
        }
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--cases " + file + " is not a file");
        }
    }
}
