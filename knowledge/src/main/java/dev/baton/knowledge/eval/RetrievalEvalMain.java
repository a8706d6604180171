package dev.baton.knowledge.eval;

import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import dev.baton.knowledge.SyncReport;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.search.Abstention;
import dev.baton.knowledge.search.FusionWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code RetrievalEvalMain knowledgeDir casesFile [--json] [--index-dir D] [--warmup N]}: indexes the folder
 * (into a temporary index unless {@code --index-dir} is given, which is then reused incrementally), runs
 * {@link RetrievalEval} and prints a table; with {@code --json} the last line is the JSON report. Fusion weights
 * can be overridden with {@code -Dbaton.fusion.*} (see {@link FusionWeights#fromSystemProperties()}). Bad arguments
 * throw {@link IllegalArgumentException} (no {@code System.exit}, so that the app's CLI can call it).
 */
public final class RetrievalEvalMain {

    private RetrievalEvalMain() {
    }

    public static void main(String[] args) throws IOException {
        run(args, KnowledgeBase.defaultEmbedders());
    }

    /** As {@link #main} with the knowledge's embedding models given (an operator's model, {@code baton eval}). */
    public static void run(String[] args, Embedders embedders) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: RetrievalEvalMain knowledgeDir casesFile [--json] [--index-dir D] [--warmup N]");
        }
        Path knowledge = Path.of(args[0]);
        Path cases = Path.of(args[1]);
        boolean json = false;
        Path indexDir = null;
        int warmup = 500;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--index-dir" -> indexDir = Path.of(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        boolean temporary = indexDir == null;
        Path dir = temporary ? Files.createTempDirectory("baton-eval-index") : indexDir;
        try (KnowledgeBase kb = KnowledgeBase.open(
                new KnowledgeConfig(knowledge, dir, false, null, KnowledgeConfig.DEFAULT_DEBOUNCE),
                embedders, FusionWeights.fromSystemProperties(), Abstention.fromSystemProperties())) {
            SyncReport sync = kb.sync();
            System.out.println("index: " + sync.summary());
            sync.failed().forEach(f -> System.out.println("  failed " + f.file() + ": " + f.reason()));
            RetrievalReport report = RetrievalEval.run(kb, cases, warmup);
            System.out.print(report.toTable());
            if (json) {
                System.out.println(report.toJson());
            }
        } finally {
            if (temporary) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
