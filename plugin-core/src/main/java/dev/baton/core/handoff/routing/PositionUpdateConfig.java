package dev.baton.core.handoff.routing;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code inbox.position-updates:} while a conversation is queued and its position improves, the customer is told
 * the new position through their channel, unprompted, but only when the channel allows a free-form message now
 * (inside its reply window since the customer's last message) and, on channels that cap the messages per
 * customer message (WeCom 微信客服: 5), only while at least {@code reserveForAgents} of them stay free.
 *
 * @param enabled          false turns the updates off (the engine still answers "number N" when the customer
 *                         writes)
 * @param every            at least this long between two unprompted updates, and since the last message Baton
 *                         sent on its own behalf (confirmation, off-hours note, …)
 * @param max              at most this many updates per ticket
 * @param reserveForAgents on capped channels, messages per customer message kept free for the humans
 * @param message          the text; {@code {position}} is filled in
 */
public record PositionUpdateConfig(Boolean enabled, Duration every, Integer max, Integer reserveForAgents,
                              Localized message) implements Validated {
    public PositionUpdateConfig {
        enabled = enabled != null ? enabled : Boolean.TRUE;
        every = every != null ? every : Duration.ofMinutes(5);
        max = max != null ? max : 3;
        reserveForAgents = reserveForAgents != null ? reserveForAgents : 3;
    }

    public static PositionUpdateConfig defaults() {
        return new PositionUpdateConfig(null, null, null, null, null);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(prefix + ".every", "must be at least 1s, got " + every);
        }
        if (max < 0 || max > 50) {
            problems.add(prefix + ".max", "must be between 0 and 50, got " + max);
        }
        if (reserveForAgents < 0 || reserveForAgents > 20) {
            problems.add(prefix + ".reserve-for-agents", "must be between 0 and 20, got " + reserveForAgents);
        }
    }
}
