package dev.baton.eval;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton eval abstain --knowledge DIR --cases FILE}: sends every case as the first message of a new
 * dev-channel customer to an in-process Baton answering from {@code DIR} (default settings unless {@code --config})
 * and reports, per kind of case, answers right and wrong, honest no-answers and handoffs, then answer precision,
 * in-scope coverage and the first-turn handoff rate outside the scope; {@code --json} ends with one JSON line.
 */
@CommandLine.Command(name = "abstain",
        description = "First messages: does the bot answer what it knows, abstain on the rest, keep them from a person?")
public final class AbstainCommand implements Callable<Integer> {

    private final BatonUnderTest.Launcher launcher;

    /** @param launcher starts the Baton to play against (the app's, in-process) */
    public AbstainCommand(BatonUnderTest.Launcher launcher) {
        this.launcher = launcher;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--knowledge", required = true, description = "knowledge folder")
    Path knowledge;

    @CommandLine.Option(names = "--cases", required = true,
            description = "cases (.jsonl: {\"query\", \"expected\": [ids], \"kind\": in|oos|oos-domain|smalltalk})")
    Path cases;

    @CommandLine.Option(names = "--json", description = "end with one JSON line of metrics")
    boolean json;

    @CommandLine.Option(names = "--config", description = "baton.yaml whose settings to use (default: defaults)")
    Path config;

    @CommandLine.Option(names = "--concurrency", defaultValue = "4", description = "customers at once (default 4)")
    int concurrency;

    @CommandLine.Option(names = "--sample-every", defaultValue = "1", description = "play every K-th case only")
    int sampleEvery;

    @CommandLine.Option(names = "--limit", description = "play at most N cases (after --sample-every)")
    Integer limit;

    @CommandLine.Option(names = "--index-dir", description = "keep the index here, to reuse it (default: temporary)")
    Path indexDir;

    @CommandLine.Option(names = "--verbose", description = "list every case not handled as expected")
    boolean verbose;

    @Override
    public Integer call() {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 64, got " + concurrency);
        }
        if (sampleEvery < 1) {
            throw new IllegalArgumentException("--sample-every must be at least 1, got " + sampleEvery);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        List<AbstainCase> selected = select(Jsonl.read(cases, AbstainCase::parse), sampleEvery, limit);
        long t0 = System.nanoTime();
        List<AbstainRun.Result> results;
        double startSeconds;
        try (BatonUnderTest baton = launcher.start(knowledge, config, indexDir)) {
            startSeconds = ConversationsCommand.seconds(t0);
            results = AbstainRun.play(baton.client(), selected, concurrency, ConversationsCommand.runId());
        }
        AbstainReport report = AbstainReport.of(results, concurrency, startSeconds,
                ConversationsCommand.seconds(t0) - startSeconds);
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.toTable());
        if (verbose) {
            out.println();
            results.stream().filter(r -> !asExpected(r)).forEach(r -> out.println(r.kase().kind() + "\t"
                    + r.kase().query() + "\texpected " + (r.kase().inScope() ? r.kase().expected() : "no answer")
                    + "\tgot " + r.outcome()));
        }
        if (json) {
            out.println(report.toJson());
        }
        out.flush();
        return 0;
    }

    /** Every {@code sampleEvery}-th case from the first, at most {@code limit} of them ({@code null}: all). */
    static <T> List<T> select(List<T> all, int sampleEvery, Integer limit) {
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < all.size() && (limit == null || picked.size() < limit); i += sampleEvery) {
            picked.add(all.get(i));
        }
        return picked;
    }

    /** In scope: the expected entry; otherwise: no answer and no handoff. */
    private static boolean asExpected(AbstainRun.Result r) {
        AbstainOutcome o = r.outcome();
        if (r.kase().inScope()) {
            return o.kind() == AbstainOutcome.Kind.ANSWER && r.kase().expected().contains(o.id());
        }
        return o.kind() == AbstainOutcome.Kind.NOANSWER;
    }
}
