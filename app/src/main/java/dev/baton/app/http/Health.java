package dev.baton.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Liveness and readiness, for a load balancer or Kubernetes' probes (docs/deploy.md). {@code GET /healthz/live} (and
 * {@code /healthz}, as before) answers 200 while the process serves HTTP: restart it when that fails.
 * {@code GET /healthz/ready} answers 200 only while every {@link Check} passes (the database answers, the knowledge
 * index is loaded, the instance claims work: not draining) and 503 otherwise, naming what failed: send it no traffic
 * then, but do not restart it. Neither needs a sign-in, and neither says more than ok or what is not ready.
 */
public final class Health implements Consumer<Javalin> {

    /** One readiness condition: a name and whether it holds now (quick; a failure counts as not ready). */
    public record Check(String name, Supplier<Boolean> ok) {
    }

    private final List<Check> checks;

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
        for (Check check : checks) {
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(check.ok().get());
            } catch (RuntimeException e) {
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
