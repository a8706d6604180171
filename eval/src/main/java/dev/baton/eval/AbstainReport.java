package dev.baton.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.eval.AbstainOutcome.Kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.eval.ConversationReport.ratio;

/**
 * The figures of {@code baton eval abstain}, as the data README defines them. Per kind of case: answered correctly
 * (the expected marker first), answered otherwise, no answer, handed off; for out-of-scope kinds and small talk any
 * answer is a false answer. Summary: answer precision (correct answers / all answers, every kind), in-scope coverage
 * (correct / in cases), in-scope answered (some entry / in cases) and the first-turn handoff rate on every case not
 * in scope. {@link #toJson()} is one line, {@link #toTable()} for people.
 *
 * @param cases            cases played
 * @param concurrency      customers writing at the same time
 * @param answerPrecision  correct answers / answers
 * @param inCoverage       correct answers / in-scope cases
 * @param inAnswered       in-scope cases answered with some entry / in-scope cases
 * @param notInHandoffRate handoffs / cases not in scope
 * @param errors           cases Baton refused or did not process in time (counted in no class)
 * @param kinds            kind → its counts and rates, in the order of first appearance
 * @param startSeconds     time to start Baton and index the knowledge
 * @param playSeconds      time to play the cases
 */
public record AbstainReport(int cases, int concurrency, double answerPrecision, double inCoverage, double inAnswered,
                            double notInHandoffRate, int errors, Map<String, KindStats> kinds, double startSeconds,
                            double playSeconds) {

    /**
     * One kind of case. {@code answered} = {@code correct} + {@code wrong}; for kinds other than {@code in},
     * {@code answeredRate} is the false-answer rate and {@code noAnswerRate} the honest no-answer rate.
     * {@code qualified}: answers given after the "no information about …" notice (counted in {@code answered} too).
     */
    public record KindStats(int cases, int answered, int correct, int wrong, int noAnswer, int handoff, int errors,
                            double answeredRate, double correctRate, double wrongRate, double noAnswerRate,
                            double handoffRate, int qualified, double qualifiedRate) {
    }

    static AbstainReport of(List<AbstainRun.Result> results, int concurrency, double startSeconds,
                            double playSeconds) {
        // cases, correct, wrong, noAnswer, handoff, errors, qualified
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (AbstainRun.Result r : results) {
            int[] c = counts.computeIfAbsent(r.kase().kind(), k -> new int[7]);
            c[0]++;
            AbstainOutcome o = r.outcome();
            c[6] += o.qualified() ? 1 : 0;
            if (o.kind() == Kind.ANSWER) {
                c[r.kase().expected().contains(o.id()) ? 1 : 2]++;
            } else {
                c[o.kind() == Kind.NOANSWER ? 3 : o.kind() == Kind.HANDOFF ? 4 : 5]++;
            }
        }
        Map<String, KindStats> kinds = new LinkedHashMap<>();
        int answers = 0;
        int correct = 0;
        int notIn = 0;
        int notInHandoffs = 0;
        int errors = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            int n = c[0];
            kinds.put(e.getKey(), new KindStats(n, c[1] + c[2], c[1], c[2], c[3], c[4], c[5], ratio(c[1] + c[2], n),
                    ratio(c[1], n), ratio(c[2], n), ratio(c[3], n), ratio(c[4], n), c[6], ratio(c[6], n)));
            answers += c[1] + c[2];
            correct += c[1];
            errors += c[5];
            if (!AbstainCase.IN_SCOPE.equals(e.getKey())) {
                notIn += n;
                notInHandoffs += c[4];
            }
        }
        KindStats in = kinds.get(AbstainCase.IN_SCOPE);
        return new AbstainReport(results.size(), concurrency, ratio(correct, answers),
                in == null ? 0 : in.correctRate(), in == null ? 0 : in.answeredRate(), ratio(notInHandoffs, notIn),
                errors, kinds, ConversationReport.tenths(startSeconds), ConversationReport.tenths(playSeconds));
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
        StringBuilder mix = new StringBuilder();
        kinds.forEach((k, s) -> mix.append(mix.length() == 0 ? "" : ", ").append(k).append(' ').append(s.cases()));
        b.append("abstain: %d cases (%s), %d concurrent customers (start and index %.1f s, played in %.1f s)%n"
                .formatted(cases, mix, concurrency, startSeconds, playSeconds));
        b.append("%-36s %6.3f%n".formatted("answer precision", answerPrecision));
        b.append("%-36s %6.3f%n".formatted("in-scope coverage (correct)", inCoverage));
        b.append("%-36s %6.3f%n".formatted("in-scope answered (some entry)", inAnswered));
        b.append("%-36s %6.3f%n".formatted("first-turn handoff, not in scope", notInHandoffRate));
        KindStats in = kinds.get(AbstainCase.IN_SCOPE);
        if (in != null) {
            b.append("%n%-12s %6s %8s %8s %8s %8s%n".formatted("kind", "cases", "correct", "wrong", "none",
                    "handoff"));
            b.append("%-12s %6d %8.3f %8.3f %8.3f %8.3f%n".formatted(AbstainCase.IN_SCOPE, in.cases(),
                    in.correctRate(), in.wrongRate(), in.noAnswerRate(), in.handoffRate()));
        }
        if (kinds.size() > (in == null ? 0 : 1)) {
            b.append("%n%-12s %6s %13s %8s %17s%n".formatted("kind", "cases", "false answer", "handoff",
                    "honest no-answer"));
            kinds.forEach((k, s) -> {
                if (!AbstainCase.IN_SCOPE.equals(k)) {
                    b.append("%-12s %6d %13.3f %8.3f %17.3f%n".formatted(k, s.cases(), s.answeredRate(),
                            s.handoffRate(), s.noAnswerRate()));
                }
            });
        }
        b.append("%nanswered after the \"no information about …\" notice:".formatted());
        kinds.forEach((k, s) -> b.append(" %s %d (%.3f)".formatted(k, s.qualified(), s.qualifiedRate())));
        b.append("%n".formatted());
        if (errors > 0) {
            b.append("%nerrors (refused or not processed in time, in no class): %d%n".formatted(errors));
        }
        return b.toString();
    }
}
