package dev.baton.core.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * The result of {@link TriageEval}: handoff is the positive class. {@link #toJson()} is one line;
 * {@link #toTable()} is for people.
 *
 * @param cases     number of cases
 * @param tp        expected handoff, decided handoff
 * @param fp        expected bot, decided handoff
 * @param fn        expected handoff, decided bot
 * @param tn        expected bot, decided bot
 * @param precision tp / (tp + fp)
 * @param recall    tp / (tp + fn)
 * @param f1        harmonic mean of precision and recall
 * @param accuracy  (tp + tn) / cases
 * @param perReason reason code → how often it fired and how many of those were expected handoffs
 * @param perIntent "expect:intent" of the cases → cases and how many were handed off
 * @param confusion the 2×2 matrix, rows expected, columns decided
 * @param p50Micros median triage time per message (embedding included)
 * @param p99Micros 99th percentile triage time per message
 */
public record TriageReport(long cases, long tp, long fp, long fn, long tn, double precision, double recall,
                           double f1, double accuracy, Map<String, ReasonStats> perReason,
                           Map<String, IntentStats> perIntent, ConfusionMatrix confusion, long p50Micros,
                           long p99Micros) {

    /** How often a reason fired and how many of those cases were labelled handoff. */
    public record ReasonStats(long fired, long expectedHandoff, double precision) {
    }

    /** Cases with one label intent and how many of them were handed off. */
    public record IntentStats(long cases, long handedOff) {
    }

    public String toJson() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toTable() {
        StringBuilder b = new StringBuilder();
        b.append("triage: %d cases, handoff precision %.4f, recall %.4f, F1 %.4f, accuracy %.4f%n"
                .formatted(cases, precision, recall, f1, accuracy));
        b.append("triage p50 %d µs, p99 %d µs%n".formatted(p50Micros, p99Micros));
        b.append(confusion.toTable());
        b.append(String.format("%-20s %7s %16s %9s%n", "reason", "fired", "expected handoff", "precision"));
        perReason.forEach((r, s) -> b.append(String.format("%-20s %7d %16d %9.4f%n", r, s.fired(),
                s.expectedHandoff(), s.precision())));
        b.append(String.format("%-60s %7s %10s%n", "expect:intent", "cases", "handed off"));
        perIntent.forEach((i, s) -> {
            if (s.handedOff() > 0 || i.startsWith("handoff:")) {
                b.append(String.format("%-60s %7d %10d%n", i, s.cases(), s.handedOff()));
            }
        });
        return b.toString();
    }
}
