package dev.baton.eval;

import dev.baton.eval.ConversationPlayer.ConversationResult;
import dev.baton.eval.ConversationPlayer.TurnResult;

import java.util.List;

/**
 * The {@code --verbose} listing of {@code baton eval conversations}: every wrong turn with what the customer said,
 * what was expected and what came back (replies, state, reasons), and every request Baton refused. This is what an
 * engineer reads to improve the bot's judgement.
 */
final class WrongTurns {

    private static final int MAX_REPLY = 240;

    private WrongTurns() {
    }

    static String render(List<ConversationResult> results) {
        StringBuilder b = new StringBuilder();
        for (ConversationResult r : results) {
            List<TurnResult> wrong = r.turns().stream().filter(t -> t.scored() && !t.verdict().right()).toList();
            if (wrong.isEmpty() && r.problems().isEmpty()) {
                continue;
            }
            b.append("%s (%s%s): %s%n".formatted(r.kase().id(), r.kase().lang(),
                    r.kase().tier() == null ? "" : ", " + r.kase().tier(), r.kase().about()));
            for (TurnResult t : wrong) {
                b.append("  turn %d said:    %s%n".formatted(t.turn(), t.step().said()));
                b.append("         expected: %s%s%n".formatted(expected(t.step().expect()),
                        t.step().langReply() == null ? "" : ", replies in " + t.step().langReply()));
                List<String> markers = Markers.in(t.got().replies());
                b.append("         got:      %s%s%s: %s%n".formatted(t.got().state(),
                        t.got().reasons().isEmpty() ? "" : " " + t.got().reasons(),
                        markers.isEmpty() ? "" : ", markers " + markers, t.verdict().why()));
                if (t.got().replies().isEmpty()) {
                    b.append("                   (no reply)%n".formatted());
                }
                for (String reply : t.got().replies()) {
                    b.append("                   > %s%n".formatted(oneLine(reply)));
                }
            }
            r.problems().forEach(p -> b.append("  ! %s%n".formatted(p)));
        }
        return b.toString();
    }

    private static String expected(Expectation e) {
        if (e instanceof Expectation.Answer a) {
            return "answer " + a.id();
        }
        if (e instanceof Expectation.Handoff h) {
            return "handoff " + String.join(" or ", h.reasons());
        }
        return e.type();
    }

    private static String oneLine(String reply) {
        String s = reply.strip().replaceAll("\\s*\\R\\s*", " / ");
        return s.length() <= MAX_REPLY ? s : s.substring(0, MAX_REPLY) + "…";
    }
}
