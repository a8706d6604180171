package dev.baton.web.api;

import java.time.Duration;

/** A rate limit was reached: {@link WebAdapter} answers 429 with {@code Retry-After}. Nothing was done. */
final class RateLimited extends RuntimeException {

    private final transient Duration wait;
    private final String what;

    RateLimited(String what, Duration wait) {
        super(what, null, false, false);
        this.what = what;
        this.wait = wait;
    }

    Duration waitFor() {
        return wait;
    }

    String what() {
        return what;
    }
}
