package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.SyncReport;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code baton index}: brings the index up to date with the knowledge folder and prints what changed. */
@CommandLine.Command(name = "index", description = "(Re)build the knowledge index and print what changed.")
public final class IndexCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--config", description = "baton.yaml to use")
    Path config;

    @Override
    public Integer call() throws Exception {
        ConfigSource.Loaded loaded = ConfigSource.load(config);
        try (KnowledgeBase kb = BatonRuntime.openKnowledge(loaded.config().knowledge(), false)) {
            SyncReport r = kb.sync();
            System.out.println("folder: " + loaded.config().knowledge().folder().toAbsolutePath().normalize());
            r.added().forEach(f -> System.out.println("  + " + f));
            r.changed().forEach(f -> System.out.println("  ~ " + f));
            r.removed().forEach(f -> System.out.println("  - " + f));
            r.failed().forEach(f -> System.out.println("  ! " + f.file() + ": " + f.reason()));
            System.out.println(r.summary());
            return r.failed().isEmpty() ? 0 : 3;
        }
    }
}
