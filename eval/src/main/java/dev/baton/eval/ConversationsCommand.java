package dev.baton.eval;

import dev.baton.eval.ConversationPlayer.ConversationResult;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code baton eval conversations --suite DIR}: plays every scripted conversation of {@code DIR/cases.jsonl} against
 * an in-process Baton answering from {@code DIR/knowledge} (default settings unless {@code --config}), one new
 * dev-channel customer per conversation, and prints turn accuracy, conversation success and wrong handoff reasons;
 * {@code --verbose} lists every wrong turn, {@code --json} ends with one JSON line.
 */
@CommandLine.Command(name = "conversations",
        description = "Play scripted conversations (DIR/cases.jsonl, DIR/knowledge) and score every turn.")
public final class ConversationsCommand implements Callable<Integer> {

    private final BatonUnderTest.Launcher launcher;

    /** @param launcher starts the Baton to play against (the app's, in-process) */
    public ConversationsCommand(BatonUnderTest.Launcher launcher) {
        this.launcher = launcher;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--suite", required = true, description = "folder with cases.jsonl and knowledge/")
    Path suite;

    @CommandLine.Option(names = "--json", description = "end with one JSON line of metrics")
    boolean json;

    @CommandLine.Option(names = "--config", description = "baton.yaml whose settings to use (default: defaults)")
    Path config;

    @CommandLine.Option(names = "--ids", split = ",", description = "play only these conversation ids")
    List<String> ids;

    @CommandLine.Option(names = "--verbose", description = "list every wrong turn: said, expected, got")
    boolean verbose;

    @CommandLine.Option(names = "--index-dir", description = "keep the index here (default: a temporary one)")
    Path indexDir;

    @Override
    public Integer call() {
        Path knowledge = suite.resolve("knowledge");
        if (!Files.isDirectory(knowledge)) {
            throw new IllegalArgumentException("--suite " + suite + " has no knowledge/ folder");
        }
        List<ConversationCase> cases = select(Jsonl.read(suite.resolve("cases.jsonl"), ConversationCase::parse));
        long t0 = System.nanoTime();
        List<ConversationResult> results = new ArrayList<>();
        double startSeconds;
        try (BatonUnderTest baton = launcher.start(knowledge, config, indexDir)) {
            startSeconds = seconds(t0);
            ConversationPlayer player = new ConversationPlayer(baton.client(), runId());
            for (ConversationCase c : cases) {
                results.add(player.play(c));
            }
        }
        ConversationReport report = ConversationReport.of(results, startSeconds, seconds(t0) - startSeconds);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.toTable());
        if (verbose) {
            out.println();
            out.print(WrongTurns.render(results));
        }
        if (json) {
            out.println(report.toJson());
        }
        out.flush();
        return 0;
    }

    private List<ConversationCase> select(List<ConversationCase> all) {
        if (ids == null || ids.isEmpty()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<ConversationCase> picked = all.stream().filter(c -> wanted.contains(c.id())).toList();
        picked.forEach(c -> wanted.remove(c.id()));
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("--ids: no conversation " + String.join(", ", wanted) + " in "
                    + suite.resolve("cases.jsonl"));
        }
        return picked;
    }

    static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
