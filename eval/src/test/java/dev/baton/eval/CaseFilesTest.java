package dev.baton.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the case files: every turn shape of the README, and a clear error naming file, line and turn. */
class CaseFilesTest {

    @Test
    void should_read_every_turn_shape(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cases.jsonl");
        Files.writeString(f, """
                {"id": "a", "lang": "zh", "tier": "vip", "turns": [{"say": "hi", "expect": {"handoff": ["vip", "button"]}, "lang_reply": "zh"}, {"button": "human", "expect": "silent"}, {"agent": "claim"}, {"agent": "reply", "text": "Hi"}, {"agent": "resolve", "text": "done"}, {"say": "x", "expect": {"answer-any": true}}, {"say": "y", "expect": null}, {"say": "z", "expect": {"answer": "e1"}}, {"say": "w", "expect": "no-answer"}]}

                """);
        ConversationCase c = Jsonl.read(f, ConversationCase::parse).get(0);
        assertThat(c.tier()).isEqualTo("vip");
        assertThat(c.steps()).containsExactly(
                new ConversationCase.CustomerStep("hi", false, new Expectation.Handoff(List.of("vip", "button")), "zh"),
                new ConversationCase.CustomerStep(null, true, new Expectation.Silent(), null),
                new ConversationCase.AgentStep(ConversationCase.AgentAction.CLAIM, null),
                new ConversationCase.AgentStep(ConversationCase.AgentAction.REPLY, "Hi"),
                new ConversationCase.AgentStep(ConversationCase.AgentAction.RESOLVE, "done"),
                new ConversationCase.CustomerStep("x", false, new Expectation.AnswerAny(), null),
                new ConversationCase.CustomerStep("y", false, new Expectation.Unscored(), null),
                new ConversationCase.CustomerStep("z", false, new Expectation.Answer("e1"), null),
                new ConversationCase.CustomerStep("w", false, new Expectation.NoAnswer(), null));
    }

    @Test
    void should_name_file_line_case_and_turn_of_a_bad_expectation(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cases.jsonl");
        Files.writeString(f, """
                {"id": "ok", "turns": [{"say": "hi", "expect": "no-answer"}]}
                {"id": "bad", "turns": [{"say": "hi", "expect": "no-answer"}, {"say": "x", "expect": "answer"}]}
                """);
        assertThatThrownBy(() -> Jsonl.read(f, ConversationCase::parse))
                .hasMessage(f + " line 2: bad turn 2: unknown expect \"answer\" (no-answer, silent, or an object "
                        + "answer / handoff / answer-any)");
    }

    @Test
    void should_refuse_a_turn_without_expect_and_a_line_that_is_not_json(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cases.jsonl");
        Files.writeString(f, "{\"id\": \"a\", \"turns\": [{\"say\": \"hi\"}]}\n");
        assertThatThrownBy(() -> Jsonl.read(f, ConversationCase::parse)).hasMessageContaining("line 1: a turn 1: "
                + "a customer turn needs \"expect\"");
        Files.writeString(f, "{\"id\": \"a\", \"turns\": [{\"say\": \"hi\", \"expect\": null}]}\n{oops\n");
        assertThatThrownBy(() -> Jsonl.read(f, ConversationCase::parse)).hasMessage(f + " line 2: not valid JSON");
        Files.writeString(f, "{\"query\": \"hi\", \"kind\": \"in\", \"expected\": [\"a\"]}\n{oops\n");
        assertThatThrownBy(() -> Jsonl.read(f, AbstainCase::parse)).hasMessage(f + " line 2: not valid JSON");
        Files.writeString(f, "{\"query\": \"hi\", \"kind\": \"in\"}\n");
        assertThatThrownBy(() -> Jsonl.read(f, AbstainCase::parse))
                .hasMessage(f + " line 1: an \"in\" case needs \"expected\": [ids]");
    }

    @Test
    void should_sample_every_kth_case_then_limit() {
        List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6);
        assertThat(AbstainCommand.select(all, 1, null)).isEqualTo(all);
        assertThat(AbstainCommand.select(all, 3, null)).containsExactly(0, 3, 6);
        assertThat(AbstainCommand.select(all, 2, 2)).containsExactly(0, 2);
    }
}
