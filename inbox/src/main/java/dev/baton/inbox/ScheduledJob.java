package dev.baton.inbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A periodic task of the inbox for the composition root to run on an executor it owns: {@code task} first after
 * {@code initialDelay}, then {@code every} after each run ends. A task logs its own failures and never throws, so one
 * bad run does not cancel the next.
 *
 * @param name         what it does, for logs and thread dumps ({@code queue-timeouts}, {@code webhook-deliveries}…)
 * @param task         one run
 * @param initialDelay before the first run
 * @param every        between the end of one run and the start of the next; positive
 */
public record ScheduledJob(String name, Runnable task, Duration initialDelay, Duration every) {

    public ScheduledJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (initialDelay.isNegative() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(name + ": delays must not be negative and every must be positive");
        }
    }
}
