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
 * {@code inbox.groups[]:} a team with skills and business hours.
 *
 * @param name            the group name tickets and agents refer to
 * @param intents         intents this group handles (routing by skill)
 * @param languages       customer languages it serves (zh, en, …)
 * @param tiers           customer tiers it serves (vip, gold, …)
 * @param hours           business hours; absent = always open
 * @param offHoursMessage told to a customer queued while the group is closed; {@code {opens}} = next opening
 * @param firstResponse   the first-response SLA: a claimed ticket without a human reply after this long goes back to
 *                        the queue ({@link FirstResponseTimeouts}); null = no limit
 */
public record Group(String name, List<String> intents, List<String> languages, List<String> tiers, Hours hours,
                    Localized offHoursMessage, Duration firstResponse) implements Validated {

    /** The shortest first-response limit accepted: below it a claim could lapse before the agent reads the ticket. */
    public static final Duration MIN_FIRST_RESPONSE = Duration.ofSeconds(30);

    public Group {
        intents = intents != null ? List.copyOf(intents) : List.of();
        languages = languages != null ? List.copyOf(languages) : List.of();
        tiers = tiers != null ? List.copyOf(tiers) : List.of();
    }

    /** A group without a first-response limit. */
    public Group(String name, List<String> intents, List<String> languages, List<String> tiers, Hours hours,
                 Localized offHoursMessage) {
        this(name, intents, languages, tiers, hours, offHoursMessage, null);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        if (name == null || name.isBlank()) {
            problems.add(prefix + ".name", "is required");
        }
        if (hours != null) {
            hours.validate(prefix + ".hours", problems);
        }
        if (firstResponse != null && firstResponse.compareTo(MIN_FIRST_RESPONSE) < 0) {
            problems.add(prefix + ".first-response", "must be at least 30s (or left out for no limit), got "
                    + firstResponse);
        }
    }
}
