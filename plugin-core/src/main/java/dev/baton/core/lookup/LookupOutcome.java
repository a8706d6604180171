package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** What a look-up's call came back with, shaped by what the bot does next: answer, say "not found", or fall back. */
public sealed interface LookupOutcome {

    /** The record: the answer template reads it. */
    record Found(JsonNode result) implements LookupOutcome {
    }

    /** The API has no such record (404/410, an empty answer, nothing at {@code found-at}). */
    record NotFound() implements LookupOutcome {
    }

    /** No usable answer: {@code on-error} decides. */
    record Failed(Failure failure, String detail) implements LookupOutcome {
    }

    /** Why a call failed; the code is a metric tag and a log word. */
    enum Failure {
        /** The call timeout passed. */
        TIMEOUT,
        /** An HTTP status that is neither success nor "not found" (5xx, 401, 429, …). */
        STATUS,
        /** No answer: connection refused, reset, DNS. */
        NETWORK,
        /** An answer that is not JSON, or too large. */
        INVALID,
        /** The circuit breaker is open after consecutive failures: the call did not go out. */
        CIRCUIT_OPEN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
