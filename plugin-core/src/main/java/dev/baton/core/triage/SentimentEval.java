package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@link Triage} over sentiment cases ({@code {"text", "lang", "sentiment": "negative"|"neutral"|"positive"}}
 * per line) and reports accuracy, macro-F1, per-class precision/recall/F1, the confusion matrix and per-language
 * figures. Classes absent from the expected labels (e.g. neutral in a two-class set) still count as wrong
 * predictions but are left out of the macro average, so two- and three-class sets are comparable to the literature.
 */
public final class SentimentEval {

    private SentimentEval() {
    }

    /** One case that was got wrong, for error analysis. */
    public record Miss(String text, String expected, String predicted, double score) {
    }

    public static SentimentReport run(Triage t, Path casesJsonl) {
        return run(t, casesJsonl, m -> { });
    }

    /** As {@link #run(Triage, Path)}, handing every wrong case to {@code misses}. */
    public static SentimentReport run(Triage t, Path casesJsonl, Consumer<Miss> misses) {
        List<String> labels = List.of("negative", "neutral", "positive");
        ConfusionMatrix all = ConfusionMatrix.empty(labels);
        Map<String, ConfusionMatrix> byLang = new LinkedHashMap<>();
        List<Long> micros = new ArrayList<>();
        for (JsonNode row : EvalCases.read(casesJsonl)) {
            String text = EvalCases.text(row, "text", casesJsonl);
            String expected = TriageSignals.Polarity.fromCode(EvalCases.text(row, "sentiment", casesJsonl)).code();
            String lang = EvalCases.optional(row, "lang");
            TriageSignals s = t.analyze(new TriageInput(text, List.of(), lang));
            String predicted = s.sentiment().polarity().code();
            micros.add(s.elapsedMicros());
            all.add(expected, predicted);
            byLang.computeIfAbsent(s.language(), l -> ConfusionMatrix.empty(labels)).add(expected, predicted);
            if (!expected.equals(predicted)) {
                misses.accept(new Miss(text, expected, predicted, s.sentiment().score()));
            }
        }
        Map<String, SentimentReport.LanguageMetrics> perLanguage = new LinkedHashMap<>();
        byLang.forEach((lang, m) -> perLanguage.put(lang, new SentimentReport.LanguageMetrics(total(m),
                EvalCases.round(accuracy(m)), EvalCases.round(macroF1(m, perClass(m))))));
        Map<String, SentimentReport.ClassMetrics> perClass = perClass(all);
        return new SentimentReport(total(all), EvalCases.round(accuracy(all)),
                EvalCases.round(macroF1(all, perClass)), perClass, all, perLanguage,
                EvalCases.percentile(micros, 50), EvalCases.percentile(micros, 99));
    }

    private static long total(ConfusionMatrix m) {
        return m.counts().values().stream().flatMap(r -> r.values().stream()).mapToLong(Long::longValue).sum();
    }

    private static double accuracy(ConfusionMatrix m) {
        long ok = m.labels().stream().mapToLong(l -> m.get(l, l)).sum();
        return EvalCases.ratio(ok, total(m));
    }

    private static Map<String, SentimentReport.ClassMetrics> perClass(ConfusionMatrix m) {
        Map<String, SentimentReport.ClassMetrics> out = new LinkedHashMap<>();
        for (String l : m.labels()) {
            long tp = m.get(l, l);
            long support = m.labels().stream().mapToLong(p -> m.get(l, p)).sum();
            long predicted = m.labels().stream().mapToLong(e -> m.get(e, l)).sum();
            double p = EvalCases.ratio(tp, predicted);
            double r = EvalCases.ratio(tp, support);
            out.put(l, new SentimentReport.ClassMetrics(support, EvalCases.round(p), EvalCases.round(r),
                    EvalCases.round(EvalCases.f1(p, r))));
        }
        return out;
    }

    private static double macroF1(ConfusionMatrix m, Map<String, SentimentReport.ClassMetrics> perClass) {
        return perClass.values().stream().filter(c -> c.support() > 0).mapToDouble(SentimentReport.ClassMetrics::f1)
                .average().orElse(0);
    }
}
