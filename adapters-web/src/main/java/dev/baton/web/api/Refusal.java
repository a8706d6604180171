package dev.baton.web.api;

/**
 * A request the API refuses, with the status and a sentence the integrator can act on; thrown by a handler before
 * it changed anything, answered as {@code {"error": "…"}} by {@link WebAdapter}.
 */
final class Refusal extends RuntimeException {

    private final int status;

    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
