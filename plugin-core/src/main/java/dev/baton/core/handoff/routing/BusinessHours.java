package dev.baton.core.handoff.routing;


import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When a group is staffed: weekly ranges ({@code "mon-fri 09:00-18:00"}) in a time zone, minus holidays. A range
 * whose end is before its start runs past midnight into the next day.
 */
public final class BusinessHours {

    /** One weekly range: these days, from {@code open} to {@code close} local time. */
    public record Range(Set<DayOfWeek> days, LocalTime open, LocalTime close) {
    }

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final ZoneId zone;
    private final List<Range> ranges;
    private final Set<LocalDate> holidays;

    public BusinessHours(ZoneId zone, List<Range> ranges, Set<LocalDate> holidays) {
        this.zone = zone;
        this.ranges = List.copyOf(ranges);
        this.holidays = Set.copyOf(holidays);
    }

    /** Always open (a group without {@code hours:}). */
    public static BusinessHours always() {
        return new BusinessHours(ZoneId.of("UTC"), List.of(new Range(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN,
                LocalTime.MAX)), Set.of());
    }

    public static BusinessHours of(Hours hours) {
        if (hours == null) {
            return always();
        }
        List<Range> ranges = new ArrayList<>();
        for (String r : hours.open()) {
            ranges.add(parseRange(r));
        }
        return new BusinessHours(ZoneId.of(hours.timeZone()), ranges, Set.copyOf(hours.holidays()));
    }

    /** Parses {@code "mon-fri 09:00-18:00"}, {@code "sat 10:00-14:00"} or {@code "mon,wed 08:00-12:00"}. */
    public static Range parseRange(String text) {
        String[] parts = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("\"" + text + "\" is not a range like \"mon-fri 09:00-18:00\"");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : parts[0].split(",")) {
            String[] span = d.split("-");
            int from = DAYS.indexOf(span[0]);
            int to = span.length == 2 ? DAYS.indexOf(span[1]) : from;
            if (from < 0 || to < 0 || span.length > 2) {
                throw new IllegalArgumentException("\"" + text + "\": days are mon, tue, wed, thu, fri, sat, sun");
            }
            for (int i = from; ; i = (i + 1) % 7) {
                days.add(DayOfWeek.of(i + 1));
                if (i == to) {
                    break;
                }
            }
        }
        String[] times = parts[1].split("-");
        try {
            if (times.length != 2) {
                throw new IllegalArgumentException();
            }
            LocalTime open = LocalTime.parse(times[0]);
            LocalTime close = "24:00".equals(times[1]) ? LocalTime.MAX : LocalTime.parse(times[1]);
            return new Range(days, open, close);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + text + "\": times must look like 09:00-18:00");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** True when the group is staffed at {@code at}. */
    public boolean isOpen(Instant at) {
        ZonedDateTime t = at.atZone(zone);
        LocalDate date = t.toLocalDate();
        LocalTime time = t.toLocalTime();
        for (Range r : ranges) {
            boolean overnight = r.close().isBefore(r.open());
            if (!overnight) {
                if (!holidays.contains(date) && r.days().contains(t.getDayOfWeek()) && !time.isBefore(r.open())
                        && time.isBefore(r.close())) {
                    return true;
                }
            } else {
                if (!holidays.contains(date) && r.days().contains(t.getDayOfWeek()) && !time.isBefore(r.open())) {
                    return true;
                }
                LocalDate prev = date.minusDays(1);
                if (!holidays.contains(prev) && r.days().contains(prev.getDayOfWeek()) && time.isBefore(r.close())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The next time the group opens after {@code at} (looks ahead 60 days), in the group's zone. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime t = at.atZone(zone);
        for (int day = 0; day < 60; day++) {
            LocalDate date = t.toLocalDate().plusDays(day);
            if (holidays.contains(date)) {
                continue;
            }
            LocalTime best = null;
            for (Range r : ranges) {
                if (r.days().contains(date.getDayOfWeek())) {
                    ZonedDateTime opening = date.atTime(r.open()).atZone(zone);
                    if (opening.isAfter(t) && (best == null || r.open().isBefore(best))) {
                        best = r.open();
                    }
                }
            }
            if (best != null) {
                return Optional.of(date.atTime(best).atZone(zone));
            }
        }
        return Optional.empty();
    }
}
