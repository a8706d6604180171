package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.resilience.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a look-up's call and reads the answer: 2xx with a record is found, 404/410 or an empty answer not found,
 * everything else (a timeout, another status, an unreadable or oversized body, no connection) failed. One
 * {@link CircuitBreaker} per look-up (the model's own breaker, reused): after consecutive failures the look-up is not
 * called until its {@code open-for} has passed, so a down order system costs the customer no wait. Every call is
 * timed and counted ({@link LookupMetrics}) and logged with the URL template, never the values, and the answer
 * masked ({@code mask:}) at DEBUG only. Thread-safe.
 */
final class LookupClient {

    private static final Logger log = LoggerFactory.getLogger(LookupClient.class);

    private final LookupTransport transport;
    private final LookupMetrics metrics;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    LookupClient(LookupTransport transport, LookupMetrics metrics, Clock clock) {
        this.transport = transport;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Calls {@code lookup} with every parameter's value (identity included), asking for texts in {@code language}.
     * Never throws for a remote problem.
     */
    LookupOutcome call(Lookup lookup, Map<String, String> values, String language, long conversationId) {
        CircuitBreaker breaker = breakers.computeIfAbsent(lookup.name(),
                n -> new CircuitBreaker(lookup.config().circuitBreaker(), clock));
        if (!breaker.tryAcquire()) {
            LookupOutcome.Failed open = new LookupOutcome.Failed(LookupOutcome.Failure.CIRCUIT_OPEN, "circuit open");
            record(lookup, open, Duration.ZERO, conversationId);
            return open;
        }
        long start = System.nanoTime();
        LookupOutcome outcome;
        try {
            outcome = read(lookup, transport.send(lookup.call(values, language, json)));
        } catch (LookupTransport.TooLarge e) {
            outcome = new LookupOutcome.Failed(LookupOutcome.Failure.INVALID, e.getMessage());
        } catch (InterruptedIOException e) {
            outcome = new LookupOutcome.Failed(LookupOutcome.Failure.TIMEOUT,
                    "no answer within " + lookup.config().request().timeout().toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            outcome = new LookupOutcome.Failed(LookupOutcome.Failure.NETWORK, e.getClass().getSimpleName());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (outcome instanceof LookupOutcome.Failed) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        record(lookup, outcome, took, conversationId);
        return outcome;
    }

    /** The state of a look-up's breaker (for tests and health views). */
    CircuitBreaker.State circuit(String lookup) {
        CircuitBreaker b = breakers.get(lookup);
        return b == null ? CircuitBreaker.State.CLOSED : b.state();
    }

    private LookupOutcome read(Lookup lookup, LookupTransport.Reply reply) {
        int status = reply.status();
        if (status == 404 || status == 410) {
            return new LookupOutcome.NotFound();
        }
        if (status < 200 || status > 299) {
            return new LookupOutcome.Failed(LookupOutcome.Failure.STATUS, "HTTP " + status);
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new LookupOutcome.NotFound();
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            return new LookupOutcome.Failed(LookupOutcome.Failure.INVALID, "the answer is not JSON");
        }
        if (log.isDebugEnabled()) {
            log.debug("look-up {}: answer {}", lookup.name(), lookup.masked().forLog(answer));
        }
        return lookup.holdsRecord(answer) ? new LookupOutcome.Found(answer) : new LookupOutcome.NotFound();
    }

    private void record(Lookup lookup, LookupOutcome outcome, Duration took, long conversationId) {
        String name = lookup.name();
        if (outcome instanceof LookupOutcome.Failed f) {
            metrics.call(name, "failed", took);
            metrics.error(name, f.failure());
            log.warn("conversation {}: look-up {} ({}) failed: {} ({}) after {} ms", conversationId, name,
                    lookup.describe(), f.failure().code(), f.detail(), took.toMillis());
        } else {
            String code = outcome instanceof LookupOutcome.Found ? "found" : "not_found";
            metrics.call(name, code, took);
            log.info("conversation {}: look-up {} ({}): {} in {} ms", conversationId, name, lookup.describe(), code,
                    took.toMillis());
        }
    }
}
