package dev.baton.core.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * The result of {@link SentimentEval}. {@link #toJson()} is one line (the CLI prints it last with {@code --json});
 * {@link #toTable()} is for people.
 *
 * @param cases       number of cases
 * @param accuracy    share of cases whose polarity was right
 * @param macroF1     mean F1 over the classes present in the expected labels
 * @param perClass    precision / recall / F1 per class
 * @param confusion   expected × predicted counts
 * @param perLanguage accuracy and macro-F1 per detected language
 * @param p50Micros   median triage time per message (embedding included)
 * @param p99Micros   99th percentile triage time per message
 */
public record SentimentReport(long cases, double accuracy, double macroF1, Map<String, ClassMetrics> perClass,
                              ConfusionMatrix confusion, Map<String, LanguageMetrics> perLanguage, long p50Micros,
                              long p99Micros) {

    /** Metrics for one class; {@code support} is the number of cases expected in it. */
    public record ClassMetrics(long support, double precision, double recall, double f1) {
    }

    /** Metrics for one language. */
    public record LanguageMetrics(long cases, double accuracy, double macroF1) {
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
        b.append("sentiment: %d cases, accuracy %.4f, macro-F1 %.4f, triage p50 %d µs, p99 %d µs%n"
                .formatted(cases, accuracy, macroF1, p50Micros, p99Micros));
        b.append(String.format("%-10s %8s %9s %7s %7s%n", "class", "support", "precision", "recall", "f1"));
        perClass.forEach((c, m) -> b.append(String.format("%-10s %8d %9.4f %7.4f %7.4f%n", c, m.support(),
                m.precision(), m.recall(), m.f1())));
        b.append(confusion.toTable());
        perLanguage.forEach((l, m) -> b.append("language %s: %d cases, accuracy %.4f, macro-F1 %.4f%n"
                .formatted(l, m.cases(), m.accuracy(), m.macroF1())));
        return b.toString();
    }
}
