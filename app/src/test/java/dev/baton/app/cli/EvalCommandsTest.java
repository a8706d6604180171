package dev.baton.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code baton eval conversations} and {@code baton eval abstain} in-process on the small fixtures under
 * {@code src/test/resources/eval}: each fixture has cases a working Baton passes and cases written to fail (a wrong
 * entry, a wrong reason, an answer expected while queued, a mislabelled in-scope case), so the counts show that the
 * harness plays and scores as the evaluation data's README says.
 */
class EvalCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
        JsonNode lastJson() throws Exception {
            List<String> lines = out.strip().lines().toList();
            return JSON.readTree(lines.get(lines.size() - 1));
        }
    }

    static Run baton(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(EvalCommandsTest.class.getResource("/eval/" + name).toURI());
    }

    @Test
    void should_count_passing_and_failing_conversations_per_type_and_language() throws Exception {
        Run run = baton("eval", "conversations", "--suite", resource("suite").toString(), "--json", "--verbose");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = run.lastJson();
        assertThat(j.path("conversations").asInt()).isEqualTo(5);
        assertThat(j.path("succeeded").asInt()).isEqualTo(4);
        assertThat(j.path("conversationSuccess").asDouble()).isEqualTo(0.8);
        assertThat(j.path("failedConversations").toString()).isEqualTo("[\"c-wrong\"]");
        assertThat(j.path("turns").asInt()).as("the null turn is played, not scored").isEqualTo(12);
        assertThat(j.path("right").asInt()).isEqualTo(9);
        assertThat(j.path("turnAccuracy").asDouble()).isEqualTo(0.75);
        assertThat(score(j, "perType", "answer")).isEqualTo("2/3");
        assertThat(score(j, "perType", "answer-any")).isEqualTo("1/1");
        assertThat(score(j, "perType", "handoff")).isEqualTo("3/4");
        assertThat(score(j, "perType", "no-answer")).isEqualTo("1/2");
        assertThat(score(j, "perType", "silent")).isEqualTo("2/2");
        assertThat(score(j, "perLanguage", "en")).isEqualTo("8/11");
        assertThat(score(j, "perLanguage", "zh")).isEqualTo("1/1");
        assertThat(j.path("handoffReasonOnly").asInt()).as("handed off for explicit_request, not complaint")
                .isEqualTo(1);
        assertThat(j.path("agentProblems").asInt()).as("claim, reply and resolve all accepted").isZero();

        assertThat(run.out()).contains("turn accuracy             0.750  (9/12)")
                .contains("conversation success      0.800  (4/5)");
        String verbose = run.out().substring(run.out().indexOf("c-wrong (en)"));
        assertThat(verbose).contains("turn 1 said:    How long does delivery take?")
                .contains("expected: answer returns").contains("markers [delivery-time]")
                .contains("expected: handoff complaint").contains("[explicit_request]")
                .contains("turn 3 said:    ok").contains("expected: no-answer");
        assertThat(run.out()).doesNotContain("c-answer (en)").doesNotContain("c-agent (en)");
    }

    @Test
    void should_classify_first_messages_and_summarise_per_kind() throws Exception {
        Run run = baton("eval", "abstain", "--knowledge", resource("suite/knowledge").toString(), "--cases",
                resource("abstain-cases.jsonl").toString(), "--json", "--concurrency", "2", "--verbose");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = run.lastJson();
        assertThat(j.path("cases").asInt()).isEqualTo(4);
        assertThat(j.path("answerPrecision").asDouble()).as("one right answer of two").isEqualTo(0.5);
        assertThat(j.path("inCoverage").asDouble()).isEqualTo(0.5);
        assertThat(j.path("inAnswered").asDouble()).isEqualTo(1.0);
        assertThat(j.path("notInHandoffRate").asDouble()).isEqualTo(0.5);
        JsonNode in = j.path("kinds").path("in");
        assertThat(List.of(in.path("correct").asInt(), in.path("wrong").asInt(), in.path("noAnswer").asInt(),
                in.path("handoff").asInt())).containsExactly(1, 1, 0, 0);
        assertThat(j.path("kinds").path("oos").path("noAnswer").asInt()).isEqualTo(1);
        assertThat(j.path("kinds").path("smalltalk").path("handoff").asInt()).isEqualTo(1);
        assertThat(run.out()).contains("answer precision                      0.500")
                .contains("in\tWhich payment methods do you accept?\texpected [returns]\tgot ANSWER(payment-methods)")
                .contains("smalltalk\tI want to talk to a human agent\texpected no answer\tgot HANDOFF")
                .doesNotContain("What is the capital of Peru?");
    }

    @Test
    void should_refuse_unknown_conversation_ids_before_starting_anything() throws Exception {
        Run run = baton("eval", "conversations", "--suite", resource("suite").toString(), "--ids", "c-agent,nope");

        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--ids: no conversation nope");
        assertThat(run.out()).doesNotContain("turn accuracy");
    }

    private static String score(JsonNode j, String group, String key) {
        JsonNode s = j.path(group).path(key);
        return s.path("right").asInt() + "/" + s.path("turns").asInt();
    }
}
