package dev.baton.tools.triage;

import dev.baton.core.conversation.TriageSignals;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.triage.ConfusionMatrix;
import dev.baton.core.triage.EvalCases;
import dev.baton.core.triage.SentimentTraining;
import dev.baton.core.triage.Triage;
import dev.baton.core.conversation.TriageSignals;

import java.nio.file.Path;
import java.util.List;

/**
 * Lexicon-only sentiment over a cases file, without the embedding model (sub-second, for trying lexicon changes):
 * {@code SentimentTune FILE [--errors]}. Same scorer and config as {@link Triage}; no latency figures.
 */
public final class SentimentTune {

    private SentimentTune() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        boolean errors = List.of(args).contains("--errors");
        SentimentTraining runtime = new SentimentTraining();
        List<String> labels = List.of("negative", "neutral", "positive");
        ConfusionMatrix m = ConfusionMatrix.empty(labels);
        for (JsonNode row : EvalCases.read(file)) {
            String text = EvalCases.text(row, "text", file);
            String expected = TriageSignals.Polarity.fromCode(EvalCases.text(row, "sentiment", file)).code();
            TriageSignals.Sentiment s = runtime.lexicon(text);
            String predicted = s.polarity().code();
            m.add(expected, predicted);
            if (errors && !expected.equals(predicted) || List.of(args).contains("--all")) {
                System.err.println(expected + "\t" + predicted + "\t" + s.score() + "\t" + text);
            }
        }
        long ok = labels.stream().mapToLong(l -> m.get(l, l)).sum();
        long total = labels.stream().mapToLong(e -> labels.stream().mapToLong(p -> m.get(e, p)).sum()).sum();
        StringBuilder sb = new StringBuilder(String.format("accuracy %.4f (%d/%d)", ok / (double) total, ok, total));
        for (String l : labels) {
            long sup = labels.stream().mapToLong(p -> m.get(l, p)).sum();
            long pred = labels.stream().mapToLong(e -> m.get(e, l)).sum();
            sb.append(String.format("  %s P %.2f R %.2f", l, m.get(l, l) / (double) Math.max(1, pred),
                    m.get(l, l) / (double) Math.max(1, sup)));
        }
        System.out.println(sb);
    }
}
