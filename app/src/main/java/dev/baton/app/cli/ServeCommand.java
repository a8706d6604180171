package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code baton serve}: webhooks, inbox and API until stopped (Ctrl-C or SIGTERM drains the lanes first). */
@CommandLine.Command(name = "serve", description = "Start webhooks, the inbox and the API.")
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--config", description = "baton.yaml to use (default: ./baton.yaml, else the "
            + "bundled example)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        ConfigSource.Loaded loaded = ConfigSource.load(config);
        System.err.println("baton: using " + loaded.source());
        BatonRuntime rt = BatonRuntime.start(loaded.config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rt.close();
            stopped.countDown();
        }, "baton-shutdown"));
        System.err.println("baton: ready on http://localhost:" + rt.port() + "  (dev chat: baton chat; health: /healthz)");
        stopped.await();
        return 0;
    }
}
