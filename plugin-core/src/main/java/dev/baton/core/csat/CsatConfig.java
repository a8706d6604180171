package dev.baton.core.csat;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;

import java.time.Duration;

/**
 * {@code inbox.csat:} the satisfaction request sent when an agent ends a conversation they answered. The default for
 * every group; a group's own {@code csat.enabled} overrides it ({@code inbox.groups[].csat}).
 *
 * @param enabled      false: no group asks unless it says so itself; default true
 * @param expiresAfter how long the customer's next message may still answer the request; default 24h
 * @param ask          the question as text (text channels, the transcript); built in for zh and en
 * @param thanks       the reply to a rating; built in for zh and en
 */
public record CsatConfig(Boolean enabled, Duration expiresAfter, Localized ask, Localized thanks) implements Validated {

    public CsatConfig {
        enabled = enabled != null ? enabled : Boolean.TRUE;
        expiresAfter = expiresAfter != null ? expiresAfter : Duration.ofHours(24);
        ask = ask != null ? ask : CsatTexts.ASK;
        thanks = thanks != null ? thanks : CsatTexts.THANKS;
    }

    public static CsatConfig defaults() {
        return new CsatConfig(null, null, null, null);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (expiresAfter.compareTo(Duration.ofMinutes(1)) < 0 || expiresAfter.compareTo(Duration.ofDays(7)) > 0) {
            problems.add(prefix + ".expires-after", "must be between 1m and 7d, got " + expiresAfter);
        }
    }
}
