package dev.baton.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Liveness and readiness, for a load balancer or Kubernetes' probes (docs/deploy.md). {@code GET /healthz/live} (and
 * {@code /healthz}, as before) answers 200 while the process serves HTTP: restart it when that fails.
 * {@code GET /healthz/ready} answers 200 only while every {@link Check} passes (the database answers, the knowledge
 * index is loaded, the instance claims work: not draining) and 503 otherwise, naming what failed: send it no traffic
 * then, but do not restart it. Neither needs a sign-in, and neither says more than ok or what is not ready.
 *
 * <p>A check that has not answered within {@link #CHECK_TIMEOUT} counts as not ready: a database that does not answer at
 * all (a network cut that drops packets, rather than a refused connection, which fails at once) can make a pooled
 * connection wait for the pool's own time-out (30 s), longer than a probe waits.
 */
public final class Health implements Consumer<Javalin> {

    /** One readiness condition: a name and whether it holds now (quick; a failure counts as not ready). */
    public record Check(String name, Supplier<Boolean> ok) {
    }

    /** How long one check may take before it counts as not ready. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final List<Check> checks;
    /** Runs the checks, so that a hanging one cannot hold the probe; a thread stuck in one ends with its time-out. */
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "baton-health");
        t.setDaemon(true);
        return t;
    });

    public Health(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void accept(Javalin app) {
        app.get("/healthz/live", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/healthz/ready", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean ready = true;
        List<Future<Boolean>> answers = checks.stream().map(c -> runner.submit(() -> c.ok().get())).toList();
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(answers.get(i).get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ok = false;
            }
            results.put(check.name(), ok ? "ok" : "not ready");
            ready &= ok;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not ready");
        body.put("checks", results);
        ctx.status(ready ? 200 : 503).json(body);
    }
}
