package dev.baton.app.cli;

import dev.baton.app.BatonRuntime;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * {@code baton serve}: webhooks, inbox and API until stopped (Ctrl-C or SIGTERM drains the lanes first).
 * {@code --port} and {@code --host} win over {@code server.port} and {@code server.host}.
 */
@CommandLine.Command(name = "serve", description = "Start webhooks, the inbox and the API.")
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--config", description = "baton.yaml to use (default: ./baton.yaml, else the "
            + "bundled example)")
    Path config;

    @CommandLine.Option(names = "--port", paramLabel = "N",
            description = "port to listen on, instead of server.port (0 picks a free one)")
    Integer port;

    @CommandLine.Option(names = "--host", paramLabel = "ADDRESS",
            description = "address to listen on, instead of server.host: 127.0.0.1 for this machine only, "
                    + "0.0.0.0 for every interface")
    String host;

    /** The config this command would serve: the file's, with the command line's port and host. */
    ConfigSource.Loaded effectiveConfig() {
        return ConfigSource.load(config).listeningOn(port, host);
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigSource.Loaded loaded = effectiveConfig();
        System.err.println("baton: using " + loaded.source());
        loaded.apiTokenToShow().ifPresent(token -> System.err.println("baton: API token for this run (Authorization: "
                + "Bearer …, acts as a supervisor): " + token + "  — export BATON_API_TOKEN to choose your own"));
        BatonRuntime rt = BatonRuntime.start(loaded.config());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rt.close();
            stopped.countDown();
        }, "baton-shutdown"));
        System.err.println("baton: ready on " + url(loaded.config().server().host(), rt.port())
                + "  (dev chat: baton chat; health: /healthz)");
        stopped.await();
        return 0;
    }

    /** The address to open in a browser: localhost for the loopback and wildcard addresses. */
    static String url(String host, int port) {
        boolean local = host.equals("0.0.0.0") || host.equals("::") || host.startsWith("127.") || host.equals("::1")
                || host.equals("localhost");
        String shown = local ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }
}
