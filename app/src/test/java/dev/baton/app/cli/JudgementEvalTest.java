package dev.baton.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.baton.app.cli.EvalCommandsTest.baton;
import static dev.baton.app.cli.EvalCommandsTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversational judgement end to end, as a customer and an agent see it over HTTP (the dev channel and the REST
 * API, default settings, a real knowledge index): a Chinese customer who presses the human button (whose label is
 * English) gets Chinese notices, also after an order number and an emoji; small talk is answered, never handed off;
 * a VIP who declines a person is answered; a homophone typo of 转人工 reaches a person; a customer upset about one
 * problem after another is answered while the knowledge answers each. Fixture written for this test.
 */
class JudgementEvalTest {

    @Test
    void should_get_every_turn_of_the_judgement_suite_right() throws Exception {
        EvalCommandsTest.Run run = baton("eval", "conversations", "--suite", resource("judgement").toString(), "--json",
                "--verbose");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = run.lastJson();
        assertThat(j.path("failedConversations").toString()).as(run.out()).isEqualTo("[]");
        assertThat(j.path("turns").asInt()).isEqualTo(18);
        assertThat(j.path("right").asInt()).isEqualTo(18);
        assertThat(j.path("agentProblems").asInt()).isZero();
    }
}
