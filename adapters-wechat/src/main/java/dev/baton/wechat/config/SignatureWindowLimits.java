package dev.baton.wechat.config;

import dev.baton.core.config.ConfigProblems;

import java.time.Duration;

/** The bounds of {@code signature-max-age}, shared by both WeChat channel configs. */
final class SignatureWindowLimits {

    /** WeChat retries a message for about 15 seconds; a shorter window would refuse its own retries. */
    static final Duration MIN = Duration.ofSeconds(15);
    static final Duration MAX = Duration.ofHours(1);

    private SignatureWindowLimits() {
    }

    static void validate(String key, Duration maxAge, ConfigProblems problems) {
        if (maxAge.compareTo(MIN) < 0 || maxAge.compareTo(MAX) > 0) {
            problems.add(key, "must be between 15s and 1h (WeChat retries within 15 s); e.g. signature-max-age: 5m");
        }
    }
}
