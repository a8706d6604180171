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
 * {@code hours:} when a group is staffed.
 *
 * @param timeZone IANA zone, e.g. Asia/Shanghai
 * @param open     weekly ranges such as {@code "mon-fri 09:00-18:00"} or {@code "sat 10:00-14:00"}
 * @param holidays dates (YYYY-MM-DD) when the group is closed all day
 */
public record Hours(String timeZone, List<String> open, List<LocalDate> holidays) implements Validated {
    public Hours {
        timeZone = timeZone != null ? timeZone : "UTC";
        open = open != null ? List.copyOf(open) : List.of("mon-fri 09:00-18:00");
        holidays = holidays != null ? List.copyOf(holidays) : List.of();
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            problems.add(prefix + ".time-zone", "unknown time zone " + timeZone + " (use e.g. Asia/Shanghai)");
        }
        for (String range : open) {
            try {
                BusinessHours.parseRange(range);
            } catch (IllegalArgumentException e) {
                problems.add(prefix + ".open", e.getMessage());
            }
        }
    }
}
