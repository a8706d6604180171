package dev.baton.app.cli;

import dev.baton.config.BatonConfig;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.result.SearchResult;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code baton ask "…"}: the top knowledge hits with their scores and citations. Reads only the {@code knowledge:}
 * section of the config (no channel secret is needed). While a Baton runs, searches its index as it is (the server
 * keeps it in line with the folder); otherwise syncs the index first.
 */
@CommandLine.Command(name = "ask", description = "Show the top knowledge hits with scores and citations.")
public final class AskCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", description = "the question")
    String question;

    @CommandLine.Option(names = "-k", defaultValue = "5", description = "how many hits (default 5)")
    int k;

    @CommandLine.Option(names = "--config", description = "baton.yaml to use")
    Path config;

    @Override
    public Integer call() throws Exception {
        CliLogs.quiet();
        BatonConfig.Knowledge knowledge = ConfigSource.loadKnowledge(config).config().knowledge();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SharedKnowledge shared = SharedKnowledge.open(knowledge)) {
            KnowledgeBase kb = shared.knowledge();
            if (shared.heldByServer()) {
                err.println("baton: a running Baton holds the index; searching it as that Baton last indexed it");
            } else if (!Files.isDirectory(knowledge.folder())) {
                err.println("baton: the knowledge folder " + knowledge.folder().toAbsolutePath().normalize()
                        + " does not exist; searching the index as it is");
            } else {
                kb.sync();
            }
            SearchResult result = kb.search(question, k);
            if (result.hits().isEmpty()) {
                out.println("no hits (the knowledge folder may be empty)");
                return 0;
            }
            out.printf("%-3s %-6s %-5s %-6s %-4s  %s%n", "#", "fused", "bm25", "vector", "ok", "question  [citation]");
            int i = 1;
            for (KnowledgeHit h : result.hits()) {
                out.printf("%-3d %-6.3f %-5s %-6.3f %-4s  %s  [%s]%n", i++, h.fusedScore(),
                        h.bm25Rank() == 0 ? "-" : Integer.toString(h.bm25Rank()), h.vectorScore(),
                        h.confident() ? "yes" : "no", h.question(), h.citation().display());
            }
            out.println(result.confident() ? "confident answer: " + result.best().orElseThrow().id()
                    : "nothing confident: the bot would say it is not sure");
            out.flush();
            return 0;
        }
    }
}
