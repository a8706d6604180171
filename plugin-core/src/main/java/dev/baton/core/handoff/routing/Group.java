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
 * @param csat            whether this group's resolved tickets are followed by a satisfaction request; absent: the
 *                        global {@code inbox.csat.enabled}
 */
public record Group(String name, List<String> intents, List<String> languages, List<String> tiers, Hours hours,
                    Localized offHoursMessage, Duration firstResponse, Csat csat) implements Validated {

    /** The shortest first-response limit accepted: below it a claim could lapse before the agent reads the ticket. */
    public static final Duration MIN_FIRST_RESPONSE = Duration.ofSeconds(30);

    public Group {
        intents = intents != null ? List.copyOf(intents) : List.of();
        languages = languages != null ? List.copyOf(languages) : List.of();
        tiers = tiers != null ? List.copyOf(tiers) : List.of();
        csat = csat != null ? csat : new Csat(null);
    }


    /**
     * {@code inbox.groups[].csat:} the group's own satisfaction-request setting.
     *
     * @param enabled true or false; null: the global {@code inbox.csat.enabled}
     */
    public record Csat(Boolean enabled) {
    }

    /** A group without a first-response limit that follows the global satisfaction-request setting. */
    public Group(String name, List<String> intents, List<String> languages, List<String> tiers, Hours hours,
                 Localized offHoursMessage) {
        this(name, intents, languages, tiers, hours, offHoursMessage, null, null);
    }

    /** A group with a first-response limit that follows the global satisfaction-request setting. */
    public Group(String name, List<String> intents, List<String> languages, List<String> tiers, Hours hours,
                 Localized offHoursMessage, Duration firstResponse) {
        this(name, intents, languages, tiers, hours, offHoursMessage, firstResponse, null);
    }

    /** A group without a first-response limit, with its own satisfaction-request setting. */
    public Group(String name, List<String> intents, List<String> languages, List<String> tiers, Hours hours,
                 Localized offHoursMessage, Csat csat) {
        this(name, intents, languages, tiers, hours, offHoursMessage, null, csat);
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
