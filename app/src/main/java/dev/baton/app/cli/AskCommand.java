package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeHit;
import dev.baton.knowledge.SearchResult;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code baton ask "…"}: the top knowledge hits with their scores and citations. */
@CommandLine.Command(name = "ask", description = "Show the top knowledge hits with scores and citations.")
public final class AskCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", description = "the question")
    String question;

    @CommandLine.Option(names = "-k", defaultValue = "5", description = "how many hits (default 5)")
    int k;

    @CommandLine.Option(names = "--config", description = "baton.yaml to use")
    Path config;

    @Override
    public Integer call() throws Exception {
        ConfigSource.Loaded loaded = ConfigSource.load(config);
        try (KnowledgeBase kb = BatonRuntime.openKnowledge(loaded.config().knowledge(), false)) {
            kb.sync();
            SearchResult result = kb.search(question, k);
            if (result.hits().isEmpty()) {
                System.out.println("no hits (the knowledge folder may be empty)");
                return 0;
            }
            System.out.printf("%-3s %-6s %-5s %-6s %-4s  %s%n", "#", "fused", "bm25", "vector", "ok", "question  [citation]");
            int i = 1;
            for (KnowledgeHit h : result.hits()) {
                System.out.printf("%-3d %-6.3f %-5s %-6.3f %-4s  %s  [%s]%n", i++, h.fusedScore(),
                        h.bm25Rank() == 0 ? "-" : Integer.toString(h.bm25Rank()), h.vectorScore(),
                        h.confident() ? "yes" : "no", h.question(), h.citation().display());
            }
            System.out.println(result.confident() ? "confident answer: " + result.best().orElseThrow().id()
                    : "nothing confident: the bot would say it is not sure");
            return 0;
        }
    }
}
