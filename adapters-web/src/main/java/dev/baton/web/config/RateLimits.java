package dev.baton.web.config;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;

/**
 * {@code channels.web.rate-limits:} how much one visitor and one address may do. Each limit is a bucket that refills
 * evenly over its period and allows a burst of its whole size; a request over it is answered 429 with
 * {@code Retry-After}. Counted per Baton instance.
 *
 * @param messagesPerMinute messages (and ratings, and left messages) one visitor may send; default 20
 * @param requestsPerMinute API calls from one address, whoever makes them; default 240
 * @param visitorsPerHour   new anonymous visitors one address may start; default 30
 */
public record RateLimits(Integer messagesPerMinute, Integer requestsPerMinute, Integer visitorsPerHour)
        implements Validated {

    public RateLimits {
        messagesPerMinute = messagesPerMinute != null ? messagesPerMinute : 20;
        requestsPerMinute = requestsPerMinute != null ? requestsPerMinute : 240;
        visitorsPerHour = visitorsPerHour != null ? visitorsPerHour : 30;
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        positive(problems, prefix + ".messages-per-minute", messagesPerMinute);
        positive(problems, prefix + ".requests-per-minute", requestsPerMinute);
        positive(problems, prefix + ".visitors-per-hour", visitorsPerHour);
    }

    private static void positive(ConfigProblems problems, String key, int value) {
        if (value < 1) {
            problems.add(key, "must be at least 1, got " + value);
        }
    }
}
