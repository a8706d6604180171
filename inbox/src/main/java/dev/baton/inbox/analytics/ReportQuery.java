package dev.baton.inbox.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * What a supervisor asks the analytics for: a range of whole days in a time zone (both ends included, at most
 * {@value #MAX_DAYS} days), optionally narrowed to one channel, group or agent. The channel narrows everything; the
 * group and the agent narrow what belongs to a ticket (handoffs, reasons, times, CSAT), since a conversation the bot
 * handled alone has neither.
 *
 * @param from     first day
 * @param to       last day (included)
 * @param zone     the zone the days (and weeks, Monday first) are cut in
 * @param channel  a channel key, or null for all
 * @param group    a group name, or null for all
 * @param agent    an agent name, or null for all
 * @param language the labels' language ({@code zh}/{@code en}), or null for the desk's
 */
public record ReportQuery(LocalDate from, LocalDate to, ZoneId zone, String channel, String group, String agent,
                          String language) {

    /** The longest range a report covers. */
    public static final int MAX_DAYS = 366;

    public ReportQuery {
        if (from == null || to == null || zone == null) {
            throw new IllegalArgumentException("from, to and the time zone are required");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("the range may cover at most " + MAX_DAYS + " days");
        }
        channel = blankToNull(channel);
        group = blankToNull(group);
        agent = blankToNull(agent);
    }

    /** The last {@code days} days up to {@code today}, everything else unfiltered. */
    public static ReportQuery lastDays(LocalDate today, int days, ZoneId zone, String language) {
        return new ReportQuery(today.minusDays(days - 1L), today, zone, null, null, null, language);
    }

    /** The first instant of the range. */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** True when the ticket facts pass the group and agent filters. */
    boolean keepsTicket(String ticketGroup, String ticketAgent) {
        return (group == null || group.equals(ticketGroup)) && (agent == null || agent.equals(ticketAgent));
    }

    /** True when the channel filter lets this channel through. */
    boolean keepsChannel(String key) {
        return channel == null || channel.equals(key);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
