package dev.baton.inbox.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The arithmetic of the report, in one place: rates, averages, percentiles of times, CSAT summaries. */
final class Measures {

    private Measures() {
    }

    /** part / whole with three decimals; 0 for an empty whole. */
    static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** As {@link #rate}, but null for an empty whole (no data, not zero). */
    static Double rateOrNull(long part, long whole) {
        return whole == 0 ? null : rate(part, whole);
    }

    /** First human reply times (seconds) of these tickets, takeovers left out. */
    static Analytics.Percentiles firstResponse(Collection<Facts.Ticket> tickets) {
        List<Long> s = new ArrayList<>();
        for (Facts.Ticket t : tickets) {
            if (!t.takeover() && t.firstHumanReplyAt() != null) {
                s.add(Duration.between(t.createdAt(), t.firstHumanReplyAt()).toSeconds());
            }
        }
        return Analytics.percentiles(s);
    }

    /** Opened → resolved (seconds) of these tickets that a person resolved, takeovers left out. */
    static Analytics.Percentiles resolution(Collection<Facts.Ticket> tickets) {
        List<Long> s = new ArrayList<>();
        for (Facts.Ticket t : tickets) {
            if (!t.takeover() && t.resolvedByPerson()) {
                s.add(Duration.between(t.createdAt(), t.resolvedAt()).toSeconds());
            }
        }
        return Analytics.percentiles(s);
    }

    /** The average score with two decimals, null without ratings. */
    static Double average(Collection<Facts.Rating> ratings) {
        if (ratings.isEmpty()) {
            return null;
        }
        double sum = ratings.stream().mapToInt(Facts.Rating::score).sum();
        return Math.round(100.0 * sum / ratings.size()) / 100.0;
    }

    /** How many ratings of 1, 2, 3, 4 and 5. */
    static List<Long> distribution(Collection<Facts.Rating> ratings) {
        long[] n = new long[5];
        for (Facts.Rating r : ratings) {
            if (r.score() >= 1 && r.score() <= 5) {
                n[r.score() - 1]++;
            }
        }
        return List.of(n[0], n[1], n[2], n[3], n[4]);
    }

    /**
     * The ratings grouped by {@code key} (rows without a key left out), each labelled, most ratings first then by
     * key; {@code always} lists keys that get a row even without ratings.
     */
    static List<DeskReport.CsatRow> csatBy(Collection<Facts.Rating> ratings, Function<Facts.Rating, String> key,
                                           Collection<String> always, Function<String, String> label) {
        Map<String, List<Facts.Rating>> groups = new LinkedHashMap<>();
        always.forEach(k -> groups.put(k, new ArrayList<>()));
        for (Facts.Rating r : ratings) {
            String k = key.apply(r);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        return groups.entrySet().stream()
                .sorted(Map.Entry.<String, List<Facts.Rating>>comparingByValue(
                        (a, b) -> Integer.compare(b.size(), a.size())).thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new DeskReport.CsatRow(e.getKey(), label.apply(e.getKey()), e.getValue().size(),
                        average(e.getValue()), distribution(e.getValue())))
                .toList();
    }

    /** Distinct non-null values, in first-seen order. */
    static <T> List<String> distinct(Collection<T> rows, Function<T, String> value) {
        return rows.stream().map(value).filter(Objects::nonNull).distinct().toList();
    }
}
