package dev.baton.inbox.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Per-day or per-week counts over a range, dense: every day (or week, Monday first) of the range has a row, zeros
 * included, so that a line over seven days has seven points and a quiet day reads as 0, not as a gap.
 */
final class Series {

    private final ZoneId zone;
    private final UnaryOperator<LocalDate> bucket;
    private final Map<LocalDate, Bucket> buckets = new TreeMap<>();

    private static final class Bucket {
        final Set<Long> conversations = new HashSet<>();
        long handoffs;
        long contained;
        long decided;
        final List<Facts.Rating> ratings = new ArrayList<>();
    }

    private Series(ReportQuery q, UnaryOperator<LocalDate> bucket, int step) {
        this.zone = q.zone();
        this.bucket = bucket;
        for (LocalDate d = bucket.apply(q.from()); !d.isAfter(q.to()); d = d.plusDays(step)) {
            buckets.put(d, new Bucket());
        }
    }

    /** One row per day of the range. */
    static Series daily(ReportQuery q) {
        return new Series(q, d -> d, 1);
    }

    /** One row per week (Monday first) that the range touches. */
    static Series weekly(ReportQuery q) {
        return new Series(q, Series::monday, 7);
    }

    static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private Bucket at(Instant t) {
        return buckets.get(bucket.apply(LocalDate.ofInstant(t, zone)));
    }

    /** A customer wrote in this conversation at {@code t} (counted once per conversation and period). */
    void conversation(Instant t, long conversationId) {
        Bucket b = at(t);
        if (b != null) {
            b.conversations.add(conversationId);
        }
    }

    void handoff(Instant t) {
        Bucket b = at(t);
        if (b != null) {
            b.handoffs++;
        }
    }

    void contact(Contacts.Contact c) {
        Bucket b = at(c.start());
        if (b != null && !c.pending()) {
            b.decided++;
            if (c.contained()) {
                b.contained++;
            }
        }
    }

    void rating(Facts.Rating r) {
        Bucket b = at(r.createdAt());
        if (b != null) {
            b.ratings.add(r);
        }
    }

    List<DeskReport.PeriodRow> rows() {
        return buckets.entrySet().stream().map(e -> new DeskReport.PeriodRow(e.getKey(),
                e.getValue().conversations.size(), e.getValue().handoffs, e.getValue().contained,
                e.getValue().decided, e.getValue().ratings.size(), Measures.average(e.getValue().ratings))).toList();
    }
}
