package dev.baton.eval;

import dev.baton.eval.AbstainOutcome.Kind;
import dev.baton.eval.BatonHttp.CustomerReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's classification of a first message and the summary figures built on it. */
class AbstainScoringTest {

    private static AbstainOutcome classify(String state, String... replies) {
        return AbstainOutcome.classify(new CustomerReply(1L, state, List.of(replies), true));
    }

    @Test
    void should_classify_a_marker_first_then_the_state() {
        assertThat(classify("BOT", "Fee [ans:fee] see also [ans:minimum]").toString()).isEqualTo("ANSWER(fee)");
        assertThat(classify("QUEUED", "[ans:fee]", "You are number 1 in the queue").toString())
                .isEqualTo("ANSWER(fee)");
        assertThat(classify("QUEUED", "You are number 1 in the queue").kind()).isEqualTo(Kind.HANDOFF);
        assertThat(classify("HUMAN").kind()).isEqualTo(Kind.HANDOFF);
        assertThat(classify("BOT", "Hi! How can I help?").kind()).isEqualTo(Kind.NOANSWER);
        assertThat(AbstainOutcome.classify(new CustomerReply(1L, "BOT", List.of(), false)).kind())
                .as("not processed in time").isEqualTo(Kind.ERROR);
    }

    @Test
    void should_count_wrong_and_false_answers_against_precision_and_errors_in_no_class() {
        AbstainCase in = new AbstainCase("fee?", List.of("fee"), "in");
        AbstainCase oos = new AbstainCase("weather?", List.of(), "oos");
        AbstainCase talk = new AbstainCase("hi", List.of(), "smalltalk");
        List<AbstainRun.Result> results = List.of(
                new AbstainRun.Result(in, new AbstainOutcome(Kind.ANSWER, "fee", null)),
                new AbstainRun.Result(in, new AbstainOutcome(Kind.ANSWER, "minimum", null)),
                new AbstainRun.Result(in, new AbstainOutcome(Kind.NOANSWER, null, null)),
                new AbstainRun.Result(in, new AbstainOutcome(Kind.ERROR, null, "HTTP 400")),
                new AbstainRun.Result(oos, new AbstainOutcome(Kind.ANSWER, "fee", null)),
                new AbstainRun.Result(oos, new AbstainOutcome(Kind.HANDOFF, null, null)),
                new AbstainRun.Result(talk, new AbstainOutcome(Kind.NOANSWER, null, null)),
                new AbstainRun.Result(talk, new AbstainOutcome(Kind.NOANSWER, null, null)));

        AbstainReport r = AbstainReport.of(results, 4, 1.0, 2.0);

        assertThat(r.answerPrecision()).as("1 right of 3 answers").isEqualTo(0.3333);
        assertThat(r.inCoverage()).isEqualTo(0.25);
        assertThat(r.inAnswered()).isEqualTo(0.5);
        assertThat(r.notInHandoffRate()).as("1 of 4 not in scope").isEqualTo(0.25);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.kinds().get("oos").answeredRate()).as("false answers").isEqualTo(0.5);
        assertThat(r.kinds().get("smalltalk").noAnswerRate()).isEqualTo(1.0);
        assertThat(r.toTable()).contains("errors (refused or not processed in time, in no class): 1");
    }
}
