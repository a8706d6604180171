package dev.baton.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.eval.ConversationPlayer.ConversationResult;
import dev.baton.eval.ConversationPlayer.TurnResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures of {@code baton eval conversations}, as the data README defines them: turn accuracy (scored turns
 * right / scored turns) overall, per expectation type and per language; conversation success (conversations whose
 * scored turns are all right); handoff turns where the state was right but the reason was not.
 * {@link #toJson()} is the one-line form, {@link #toTable()} the one for people.
 *
 * @param conversations       conversations played
 * @param succeeded           conversations with every scored turn right
 * @param conversationSuccess succeeded / conversations
 * @param turns               scored customer turns
 * @param right               scored turns judged right
 * @param turnAccuracy        right / turns
 * @param perType             expectation type (answer, answer-any, handoff, no-answer, silent) → its turns
 * @param perLanguage         the case's language → its turns
 * @param handoffReasonOnly   handoff turns handed off, but for none of the expected reasons
 * @param agentProblems       agent actions or customer messages Baton refused (details with --verbose)
 * @param failedConversations ids of the conversations with a wrong turn
 * @param startSeconds        time to start Baton and index the knowledge
 * @param playSeconds         time to play every conversation
 */
public record ConversationReport(int conversations, int succeeded, double conversationSuccess, int turns, int right,
                                 double turnAccuracy, Map<String, Score> perType, Map<String, Score> perLanguage,
                                 int handoffReasonOnly, int agentProblems, List<String> failedConversations,
                                 double startSeconds, double playSeconds) {

    /** Scored turns of one group and how many were right. */
    public record Score(int turns, int right, double accuracy) {
    }

    public static ConversationReport of(List<ConversationResult> results, double startSeconds, double playSeconds) {
        List<TurnResult> scored = new ArrayList<>();
        Map<TurnResult, String> langOf = new java.util.IdentityHashMap<>();
        for (ConversationResult r : results) {
            for (TurnResult t : r.turns()) {
                if (t.scored()) {
                    scored.add(t);
                    langOf.put(t, r.kase().lang());
                }
            }
        }
        int right = (int) scored.stream().filter(t -> t.verdict().right()).count();
        int succeeded = (int) results.stream().filter(ConversationResult::success).count();
        int reasonOnly = (int) scored.stream().filter(t -> t.verdict().reasonOnly()).count();
        int problems = results.stream().mapToInt(r -> r.problems().size()).sum();
        List<String> failed = results.stream().filter(r -> !r.success()).map(r -> r.kase().id()).toList();
        return new ConversationReport(results.size(), succeeded, ratio(succeeded, results.size()), scored.size(), right,
                ratio(right, scored.size()), group(scored, t -> t.step().expect().type()), group(scored, langOf::get),
                reasonOnly, problems, failed, tenths(startSeconds), tenths(playSeconds));
    }

    private static Map<String, Score> group(List<TurnResult> turns, Function<TurnResult, String> key) {
        Map<String, int[]> counts = new TreeMap<>();
        for (TurnResult t : turns) {
            int[] c = counts.computeIfAbsent(key.apply(t), k -> new int[2]);
            c[0]++;
            if (t.verdict().right()) {
                c[1]++;
            }
        }
        Map<String, Score> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new Score(c[0], c[1], ratio(c[1], c[0]))));
        return out;
    }

    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
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
        b.append("conversations: %d, scored turns: %d (start and index %.1f s, played in %.1f s)%n"
                .formatted(conversations, turns, startSeconds, playSeconds));
        b.append(line("turn accuracy", turnAccuracy, right, turns));
        perType.forEach((k, s) -> b.append(line("  " + k, s.accuracy(), s.right(), s.turns())));
        perLanguage.forEach((k, s) -> b.append(line("  lang " + k, s.accuracy(), s.right(), s.turns())));
        b.append(line("conversation success", conversationSuccess, succeeded, conversations));
        Score handoff = perType.get("handoff");
        b.append("handoff turns with the right state, wrong reason: %d of %d%n"
                .formatted(handoffReasonOnly, handoff == null ? 0 : handoff.turns()));
        if (agentProblems > 0) {
            b.append("requests Baton refused (agent actions, messages): %d (--verbose lists them)%n"
                    .formatted(agentProblems));
        }
        return b.toString();
    }

    private static String line(String label, double value, int part, int whole) {
        return "%-24s %6.3f  (%d/%d)%n".formatted(label, value, part, whole);
    }
}
