package dev.baton.app.cli;

import dev.baton.knowledge.eval.RetrievalEvalMain;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton eval retrieval|triage|sentiment}: measure Baton on labelled cases; {@code --json} ends with one JSON line. */
@CommandLine.Command(name = "eval", description = "Measure retrieval, triage or sentiment on labelled cases.",
        subcommands = {EvalCommand.Retrieval.class})
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

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(knowledge)) {
                throw new IllegalArgumentException("--knowledge " + knowledge + " is not a folder");
            }
            if (!Files.isRegularFile(cases)) {
                throw new IllegalArgumentException("--cases " + cases + " is not a file");
            }
            List<String> args = new ArrayList<>(List.of(knowledge.toString(), cases.toString()));
            if (json) {
                args.add("--json");
            }
            if (indexDir != null) {
                args.add("--index-dir");
                args.add(indexDir.toString());
            }
            RetrievalEvalMain.main(args.toArray(String[]::new));
            return 0;
        }
    }
}
