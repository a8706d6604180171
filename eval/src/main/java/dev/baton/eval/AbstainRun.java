package dev.baton.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends every case as the first message of a new dev-channel customer, {@code concurrency} customers at a time, and
 * classifies what came back. The results are in the order of the cases.
 */
final class AbstainRun {

    private AbstainRun() {
    }

    /** A case and how it was handled. */
    record Result(AbstainCase kase, AbstainOutcome outcome) {
    }

    static List<Result> play(BatonHttp http, List<AbstainCase> cases, int concurrency, String runId) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "eval-customer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                AbstainCase c = cases.get(i);
                String customer = "abstain-" + runId + "-" + (i + 1);
                futures.add(pool.submit(() -> new Result(c, once(http, customer, c.query()))));
            }
            List<Result> out = new ArrayList<>();
            for (Future<Result> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static AbstainOutcome once(BatonHttp http, String customer, String query) {
        try {
            return AbstainOutcome.classify(http.say(customer, query, null, false));
        } catch (BatonHttp.ApiException e) {
            return new AbstainOutcome(AbstainOutcome.Kind.ERROR, null, e.getMessage());
        }
    }
}
