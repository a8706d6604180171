package dev.baton.eval;

import java.util.List;

/**
 * How a first message was handled, per the data README: ANSWER(id) when a reply carries a marker (the first one
 * counts), else HANDOFF when the conversation is queued or with a person, else NOANSWER (an honest "don't know" or a
 * greeting back). ERROR when Baton refused the message or did not process it within the dev channel's timeout. An
 * answer whose reply opens with Baton's default "no information about …" notice (a yes/no question about something
 * the knowledge never names, docs/knowledge.md) has the detail {@value #QUALIFIED}.
 */
public record AbstainOutcome(Kind kind, String id, String detail) {

    /** The classes of outcome. */
    public enum Kind { ANSWER, HANDOFF, NOANSWER, ERROR }

    /** The detail of an answer given after the "no information about …" notice. */
    static final String QUALIFIED = "qualified";

    /** The default notice's openings (the eval runs Baton on its default messages). */
    private static final List<String> NOTICE = List.of("I have no information about ", "我这里的资料没有提到");

    /** True for an answer given after the "no information about …" notice. */
    boolean qualified() {
        return kind == Kind.ANSWER && QUALIFIED.equals(detail);
    }

    static AbstainOutcome classify(BatonHttp.CustomerReply r) {
        if (!r.complete()) {
            return new AbstainOutcome(Kind.ERROR, null, "not processed within the reply timeout");
        }
        List<String> markers = Markers.in(r.replies());
        if (!markers.isEmpty()) {
            boolean notice = r.replies().stream().anyMatch(t -> NOTICE.stream().anyMatch(t::startsWith));
            return new AbstainOutcome(Kind.ANSWER, markers.get(0), notice ? QUALIFIED : null);
        }
        if ("QUEUED".equals(r.state()) || "HUMAN".equals(r.state())) {
            return new AbstainOutcome(Kind.HANDOFF, null, null);
        }
        return new AbstainOutcome(Kind.NOANSWER, null, null);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANSWER -> "ANSWER(" + id + ")";
            case ERROR -> "ERROR(" + detail + ")";
            default -> kind.name();
        };
    }
}
