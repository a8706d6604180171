package dev.baton.core.lookup;

import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.LookupTrace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured look-ups and how one is run, for both the offline turn logic ({@link OfflineLookups}) and the LLM's
 * tools: the customer's values are checked against their patterns, the identity comes from the channel (the
 * customer's verified platform id, never a typed value), the call goes through the {@link LookupClient}, and the
 * result becomes the customer's text and a {@link LookupTrace} for the transcript. Thread-safe.
 */
public final class Lookups {

    private static final Lookups NONE = new Lookups(List.of(), LookupTransport.none(), new SimpleMeterRegistry(),
            Clock.systemUTC());

    private final Map<String, Lookup> byName = new LinkedHashMap<>();
    private final LookupClient client;
    private final LookupMetrics metrics;

    /** @param configs validated look-ups ({@link LookupConfig#validate}); names are unique */
    public Lookups(List<LookupConfig> configs, LookupTransport transport, MeterRegistry meters, Clock clock) {
        for (LookupConfig c : configs) {
            if (byName.put(c.name(), new Lookup(c)) != null) {
                throw new IllegalArgumentException("look-up " + c.name() + " is declared twice");
            }
        }
        this.metrics = new LookupMetrics(meters);
        this.client = new LookupClient(transport, metrics, clock);
    }

    /** No look-ups: the engine answers from the knowledge alone. */
    public static Lookups none() {
        return NONE;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public List<Lookup> all() {
        return List.copyOf(byName.values());
    }

    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    public Optional<Lookup> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /**
     * What one run of a look-up gave.
     *
     * @param trace   what to store with the customer's message
     * @param outcome the call's outcome (a refused run has a failed outcome that never went out)
     * @param reply   what to tell the customer: the answer, the not-found text, or the apology
     */
    public record Result(LookupTrace trace, LookupOutcome outcome, String reply) {

        public boolean found() {
            return outcome instanceof LookupOutcome.Found;
        }

        public boolean failed() {
            return outcome instanceof LookupOutcome.Failed;
        }
    }

    /**
     * Runs {@code lookup} with the customer's values ({@code given}: every parameter taken from their words, none
     * missing) and, for identity parameters, {@code customer}'s verified platform id. The texts are in
     * {@code language}.
     */
    public Result run(Lookup lookup, Map<String, String> given, Customer customer, long conversationId,
                      String language) {
        Map<String, String> values = new LinkedHashMap<>(given);
        for (var e : lookup.config().params().entrySet()) {
            if (e.getValue().identity()) {
                values.put(e.getKey(), customer == null ? null : customer.platformId());
            }
        }
        if (values.values().stream().anyMatch(v -> v == null || v.isBlank())) {
            metrics.refused(lookup.name(), "identity");
            return failed(lookup, given, language, new LookupOutcome.Failed(LookupOutcome.Failure.INVALID,
                    "no verified customer id"));
        }
        LookupOutcome outcome = client.call(lookup, values, language, conversationId);
        if (outcome instanceof LookupOutcome.Found f) {
            String text = lookup.answer(language, given, f.result());
            return new Result(new LookupTrace(lookup.name(), LookupTrace.Outcome.FOUND, given, null, text), outcome,
                    text);
        }
        if (outcome instanceof LookupOutcome.NotFound) {
            String text = lookup.notFound(language, given);
            return new Result(new LookupTrace(lookup.name(), LookupTrace.Outcome.NOT_FOUND, given, null, text),
                    outcome, text);
        }
        return failed(lookup, given, language, (LookupOutcome.Failed) outcome);
    }

    private static Result failed(Lookup lookup, Map<String, String> given, String language,
                                 LookupOutcome.Failed failed) {
        return new Result(new LookupTrace(lookup.name(), LookupTrace.Outcome.FAILED, given, null,
                failed.failure().code() + ": " + failed.detail()), failed, lookup.apology(language, given));
    }

    /** Counts a question for a missing parameter. */
    void asked(Lookup lookup) {
        metrics.asked(lookup.name());
    }

    /** Counts a call refused before it went out ({@code identity}: a typed identity; {@code limit}: too many). */
    public void refused(Lookup lookup, String reason) {
        metrics.refused(lookup.name(), reason);
    }

    /** The breaker state of a look-up, for tests and health views. */
    public dev.baton.core.resilience.CircuitBreaker.State circuit(String lookup) {
        return client.circuit(lookup);
    }
}
