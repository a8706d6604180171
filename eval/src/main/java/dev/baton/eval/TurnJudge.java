package dev.baton.eval;

import java.util.List;

/**
 * Scores one customer turn the way the data README defines it: on the replies to that message (their
 * {@code [ans:id]} markers, their language) and on the conversation's state and ticket reasons after it.
 */
public final class TurnJudge {

    private TurnJudge() {
    }

    /** What the turn produced. {@code state} is BOT, QUEUED or HUMAN; {@code reasons} are the active ticket's. */
    public record Observation(List<String> replies, String state, List<String> reasons) {
        public Observation {
            replies = List.copyOf(replies);
            reasons = List.copyOf(reasons);
        }

        boolean withPerson() {
            return "QUEUED".equals(state) || "HUMAN".equals(state);
        }
    }

    /**
     * The judgement of a scored turn. {@code reasonOnly}: a handoff was expected and happened, but for none of the
     * expected reasons (the only thing wrong). {@code why} says what was wrong, empty when right.
     */
    public record Verdict(boolean right, boolean reasonOnly, String why) {
        static final Verdict RIGHT = new Verdict(true, false, "");

        static Verdict wrong(String why) {
            return new Verdict(false, false, why);
        }
    }

    /** Judges a turn; {@code langReply} ({@code zh}, {@code en} or {@code null}) adds the language requirement. */
    public static Verdict judge(Expectation expect, String langReply, Observation o) {
        Verdict v = judge(expect, o);
        if (!v.right() || langReply == null) {
            return v;
        }
        if (o.replies().isEmpty()) {
            return Verdict.wrong("no reply, expected one in " + langReply);
        }
        for (String reply : o.replies()) {
            if (Markers.hasCjk(reply) != langReply.equals("zh")) {
                return Verdict.wrong("a reply is not in " + langReply);
            }
        }
        return v;
    }

    private static Verdict judge(Expectation expect, Observation o) {
        List<String> markers = Markers.in(o.replies());
        if (expect instanceof Expectation.Answer a) {
            if (!markers.contains(a.id())) {
                return Verdict.wrong(markers.isEmpty() ? "no answer marker" : "another entry answered");
            }
            return o.withPerson() ? Verdict.wrong("answered but handed off") : Verdict.RIGHT;
        }
        if (expect instanceof Expectation.NoAnswer) {
            if (o.withPerson()) {
                return Verdict.wrong("handed off");
            }
            if (!markers.isEmpty()) {
                return Verdict.wrong("answered from the knowledge");
            }
            return o.replies().isEmpty() ? Verdict.wrong("no reply") : Verdict.RIGHT;
        }
        if (expect instanceof Expectation.Handoff h) {
            if (!o.withPerson()) {
                return Verdict.wrong("not handed off");
            }
            return h.reasons().stream().anyMatch(o.reasons()::contains) ? Verdict.RIGHT
                    : new Verdict(false, true, "handed off for " + o.reasons() + ", expected " + h.reasons());
        }
        if (expect instanceof Expectation.Silent) {
            if (!o.withPerson()) {
                return Verdict.wrong("with the bot, not a person");
            }
            return markers.isEmpty() ? Verdict.RIGHT : Verdict.wrong("answered from the knowledge while waiting");
        }
        if (expect instanceof Expectation.AnswerAny) {
            if (markers.isEmpty()) {
                return Verdict.wrong("no answer marker");
            }
            return o.withPerson() ? Verdict.wrong("answered but handed off") : Verdict.RIGHT;
        }
        return Verdict.RIGHT; // Unscored: played, not judged
    }
}
