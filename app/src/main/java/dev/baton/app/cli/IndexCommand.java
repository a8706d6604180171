package dev.baton.app.cli;

import ch.qos.logback.classic.Level;
import dev.baton.config.BatonConfig;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.PendingChanges;
import dev.baton.knowledge.SyncReport;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code baton index}: brings the index up to date with the knowledge folder and prints what changed, once. Reads
 * only the {@code knowledge:} section of the config. While a Baton runs, that Baton owns the index: the command then
 * prints what it has not indexed yet instead. A missing folder is an error that leaves the index as it is.
 */
@CommandLine.Command(name = "index", description = "(Re)build the knowledge index and print what changed.")
public final class IndexCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--config", description = "baton.yaml to use")
    Path config;

    @Override
    public Integer call() throws Exception {
        CliLogs.quiet();
        CliLogs.level(KnowledgeBase.class.getName(), Level.ERROR); // its warnings are the "!" lines below
        BatonConfig.Knowledge knowledge = ConfigSource.loadKnowledge(config).config().knowledge();
        PrintWriter out = spec.commandLine().getOut();
        try (SharedKnowledge shared = SharedKnowledge.open(knowledge)) {
            out.println("folder: " + knowledge.folder().toAbsolutePath().normalize());
            int code = shared.heldByServer() ? showPending(shared.knowledge(), knowledge.watch(), out)
                    : sync(shared.knowledge(), out);
            out.flush();
            return code;
        }
    }

    private static int sync(KnowledgeBase kb, PrintWriter out) throws IOException {
        SyncReport r = kb.sync();
        r.added().forEach(f -> out.println("  + " + f));
        r.changed().forEach(f -> out.println("  ~ " + f));
        r.removed().forEach(f -> out.println("  - " + f));
        r.failed().forEach(f -> out.println("  ! " + f.file() + ": " + f.reason()));
        out.println(r.summary());
        return r.failed().isEmpty() ? 0 : 3;
    }

    private static int showPending(KnowledgeBase kb, boolean watched, PrintWriter out) throws IOException {
        PendingChanges p = kb.pending();
        out.println("a running Baton holds the index and keeps it in line with the folder");
        if (p.upToDate() && p.unreadable().isEmpty()) {
            out.println("up to date: " + p.indexEntries() + " entries from " + p.unchanged() + " files");
            return 0;
        }
        p.added().forEach(f -> out.println("  + " + f + "  (not indexed yet)"));
        p.changed().forEach(f -> out.println("  ~ " + f + "  (changed since it was indexed)"));
        p.removed().forEach(f -> out.println("  - " + f + "  (still in the index)"));
        p.unreadable().forEach(f -> out.println("  ! " + f + ": unreadable"));
        out.println(watched ? "the running Baton indexes these within a second or two of a change (knowledge.watch)"
                : "the running Baton does not watch the folder (knowledge.watch: false): restart it to index these");
        return 0;
    }
}
