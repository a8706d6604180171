package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.handoff.Decision;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.handoff.PolicyInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs triage and the handoff policy over single-message cases ({@code {"text", "lang", "expect":
 * "handoff"|"bot", "intent"?}} per line) and reports handoff-vs-bot precision, recall and F1, the reasons that fired
 * (with how many of their firings were expected handoffs), recall and false positives per case intent, and the 2×2
 * confusion matrix. Each case is a first message: no history, no button, no tier, no knowledge lookup, so the
 * conversation-level rules (sentiment run, repetition, knowledge miss, turn limit) cannot fire; what is measured is
 * the single-message signals (explicit request, complaint, sensitive intents).
 */
public final class TriageEval {

    private TriageEval() {
    }

    /** One case that was got wrong, for error analysis. */
    public record Miss(String text, String expected, String intent, String explanation) {
    }

    public static TriageReport run(Triage t, HandoffPolicy p, Path casesJsonl) {
        return run(t, p, casesJsonl, m -> { });
    }

    /** As {@link #run(Triage, HandoffPolicy, Path)}, handing every wrong case to {@code misses}. */
    public static TriageReport run(Triage t, HandoffPolicy p, Path casesJsonl, Consumer<Miss> misses) {
        ConfusionMatrix confusion = ConfusionMatrix.empty(List.of("handoff", "bot"));
        Map<String, long[]> reasons = new TreeMap<>();     // code → [fired, of which expected handoff]
        Map<String, long[]> intents = new TreeMap<>();     // case intent → [cases, predicted handoff]
        List<Long> micros = new ArrayList<>();
        for (JsonNode row : EvalCases.read(casesJsonl)) {
            String text = EvalCases.text(row, "text", casesJsonl);
            String expected = EvalCases.text(row, "expect", casesJsonl);
            if (!expected.equals("handoff") && !expected.equals("bot")) {
                throw new IllegalArgumentException(casesJsonl + ": expect must be handoff or bot: " + row);
            }
            String caseIntent = EvalCases.optional(row, "intent");
            String intentKey = expected + ":" + (caseIntent == null || caseIntent.isBlank() ? "-" : caseIntent);
            TriageSignals s = t.analyze(new TriageInput(text, List.of(), EvalCases.optional(row, "lang")));
            micros.add(s.elapsedMicros());
            Decision d = p.decide(PolicyInput.of(s));
            String predicted = d.isHandoff() ? "handoff" : "bot";
            confusion.add(expected, predicted);
            long[] ic = intents.computeIfAbsent(intentKey, k -> new long[2]);
            ic[0]++;
            if (d instanceof Decision.Handoff h) {
                ic[1]++;
                for (HandoffReason r : h.reasons()) {
                    long[] rc = reasons.computeIfAbsent(r.code(), k -> new long[2]);
                    rc[0]++;
                    if (expected.equals("handoff")) {
                        rc[1]++;
                    }
                }
            }
            if (!expected.equals(predicted)) {
                misses.accept(new Miss(text, expected, caseIntent, d.explanation()));
            }
        }
        long tp = confusion.get("handoff", "handoff");
        long fn = confusion.get("handoff", "bot");
        long fp = confusion.get("bot", "handoff");
        long tn = confusion.get("bot", "bot");
        double precision = EvalCases.ratio(tp, tp + fp);
        double recall = EvalCases.ratio(tp, tp + fn);
        Map<String, TriageReport.ReasonStats> perReason = new TreeMap<>();
        reasons.forEach((code, c) -> perReason.put(code,
                new TriageReport.ReasonStats(c[0], c[1], EvalCases.round(EvalCases.ratio(c[1], c[0])))));
        Map<String, TriageReport.IntentStats> perIntent = new TreeMap<>();
        intents.forEach((k, c) -> perIntent.put(k, new TriageReport.IntentStats(c[0], c[1])));
        return new TriageReport(tp + fn + fp + tn, tp, fp, fn, tn, EvalCases.round(precision),
                EvalCases.round(recall), EvalCases.round(EvalCases.f1(precision, recall)),
                EvalCases.round(EvalCases.ratio(tp + tn, tp + fn + fp + tn)), perReason, perIntent, confusion,
                EvalCases.percentile(micros, 50), EvalCases.percentile(micros, 99));
    }
}
