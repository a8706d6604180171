package dev.baton.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall-clock time of each start-up phase, for the one line Baton logs when it is ready ("started in 2.2 s (database
 * 0.7 s, …); ready 3.1 s after the JVM started"). It is how an operator, and docs/performance.md, see where start-up
 * time goes without a profiler. Not thread-safe: one thread starts Baton.
 */
final class StartupPhases {

    /** One finished phase. */
    record Phase(String name, long millis) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private long mark = System.nanoTime();

    /** Ends the phase that ran since the previous call (or since construction) under {@code name}. */
    void done(String name) {
        long now = System.nanoTime();
        phases.add(new Phase(name, (now - mark) / 1_000_000));
        mark = now;
    }

    /** "started in 2.2 s (database 0.7 s, …); ready 3.1 s after the JVM started". */
    String summary() {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Phase p : phases) {
            total += p.millis();
            sb.append(sb.length() == 0 ? "" : ", ").append(p.name()).append(' ').append(seconds(p.millis()));
        }
        return "started in " + seconds(total) + " (" + sb + "); ready " + seconds(jvmUptimeMillis())
                + " after the JVM started";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static long jvmUptimeMillis() {
        try {
            return ManagementFactory.getRuntimeMXBean().getUptime();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
