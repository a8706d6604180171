package dev.baton.core.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of (expected, predicted) label pairs. Serialises as {@code {"labels": [...], "counts": {"expected":
 * {"predicted": n}}}}.
 *
 * @param labels the labels, in display order
 * @param counts expected → predicted → count
 */
public record ConfusionMatrix(List<String> labels, Map<String, Map<String, Long>> counts) {

    public ConfusionMatrix {
        labels = List.copyOf(labels);
    }

    /** All counts zero. */
    public static ConfusionMatrix empty(List<String> labels) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        for (String e : labels) {
            Map<String, Long> row = new LinkedHashMap<>();
            labels.forEach(p -> row.put(p, 0L));
            m.put(e, row);
        }
        return new ConfusionMatrix(labels, m);
    }

    /** Counts one case. */
    public void add(String expected, String predicted) {
        counts.get(expected).merge(predicted, 1L, Long::sum);
    }

    /** How many cases labelled {@code expected} were predicted {@code predicted}. */
    public long get(String expected, String predicted) {
        return counts.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0L);
    }

    /** A fixed-width table, rows = expected, columns = predicted. */
    public String toTable() {
        StringBuilder b = new StringBuilder(String.format("%-16s", "expected\\pred"));
        labels.forEach(l -> b.append(String.format("%10s", l)));
        b.append('\n');
        for (String e : labels) {
            b.append(String.format("%-16s", e));
            labels.forEach(p -> b.append(String.format("%10d", get(e, p))));
            b.append('\n');
        }
        return b.toString();
    }
}
