package dev.baton.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.knowledge.embed.TinyOnnxModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.baton.app.cli.EvalCommandsTest.baton;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's embedding model in {@code baton.yaml} ({@code knowledge.embedding}) reaches the commands that search
 * the knowledge: {@code baton ask} and {@code baton eval abstain} answer with it (a tiny model written by the test
 * that maps "reimbursement" next to "refund", words no entry shares), and a wrong path is a config error naming the key.
 */
class ConfiguredModelCommandsTest {

    @TempDir
    Path dir;

    private Path knowledge;
    private Path onnx;
    private Path tokenizer;

    @BeforeEach
    void setUp() throws Exception {
        knowledge = Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(knowledge.resolve("faq.md"), """
                # Shop FAQ

                ## How do I get a refund?

                Refunds reach your card within five days of the parcel reaching us. [ans:refund]

                ## How long does delivery take?

                Delivery takes two to three working days. [ans:delivery]

                ## How do I reset my password?

                Choose Forgot password on the sign-in page. [ans:password]
                """);
        TinyOnnxModel m = new TinyOnnxModel(8);
        m.word("refund", m.axis(0, 1f)).word("reimbursement", m.axis(0, 0.9f)).word("money", m.axis(0, 0.8f))
                .word("delivery", m.axis(1, 1f)).word("parcel", m.axis(1, 0.9f)).word("shipping", m.axis(1, 0.9f))
                .word("password", m.axis(2, 1f)).word("passcode", m.axis(2, 0.9f))
                .word("zebra", m.axis(1, 0.9f)); // a word only this model takes for delivery
        String[] common = {"how", "do", "i", "get", "a", "my", "the", "what", "is", "of", "who", "when", "why",
                "did", "in", "are", "many", "does", "was", "which", "will", "can", "you", "to", "long", "take"};
        for (int i = 0; i < common.length; i++) {
            float[] v = new float[8];
            v[3 + i % 4] = 0.1f;
            v[3 + (i * 3 + 1) % 4] += 0.05f;
            m.word(common[i], v);
        }
        Path[] files = m.write(dir.resolve("models"), "tiny-en");
        onnx = files[0];
        tokenizer = files[1];
    }

    private Path config(Path model) throws Exception {
        Path file = dir.resolve("baton.yaml");
        Files.writeString(file, """
                knowledge:
                  folder: "%s"
                  index-dir: "%s"
                  watch: false
                  embedding:
                    english: { onnx: "%s", tokenizer: "%s", pooling: mean }
                """.formatted(slashes(knowledge), slashes(dir.resolve("index")), slashes(model), slashes(tokenizer)));
        return file;
    }

    private static String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    @Test
    void should_answer_baton_ask_with_the_configured_model() throws Exception {
        EvalCommandsTest.Run ask = baton("ask", "reimbursement please", "--config", config(onnx).toString());

        assertThat(ask.code()).as(ask.err()).isZero();
        assertThat(ask.out()).contains("How do I get a refund?");
    }

    @Test
    void should_play_eval_abstain_with_the_configured_model() throws Exception {
        Path cases = dir.resolve("cases.jsonl");
        Files.writeString(cases, """
                {"query": "reimbursement please", "expected": ["refund"], "kind": "in"}
                {"query": "my passcode", "expected": ["password"], "kind": "in"}
                """);

        EvalCommandsTest.Run run = baton("eval", "abstain", "--knowledge", knowledge.toString(), "--cases",
                cases.toString(), "--config", config(onnx).toString(), "--json", "--verbose");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode in = run.lastJson().path("kinds").path("in");
        assertThat(in.path("correct").asInt()).as(run.out()).isEqualTo(2);
    }

    @Test
    void should_measure_retrieval_with_the_configured_model() throws Exception {
        Path faq = Files.createDirectories(dir.resolve("faq"));
        Files.writeString(faq.resolve("faq.csv"), """
                id,question,answer
                refund,How do I get a refund?,Refunds reach your card within five days.
                delivery,How long does delivery take?,Delivery takes two to three working days.
                password,How do I reset my password?,Choose Forgot password on the sign-in page.
                """);
        Path cases = dir.resolve("retrieval.jsonl");
        Files.writeString(cases, "{\"query\": \"zebra\", \"expected\": [\"delivery\"]}\n");

        CliTest.Run run = CliTest.run("eval", "retrieval", "--knowledge", faq.toString(), "--cases",
                cases.toString(), "--config", config(onnx).toString(), "--json");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().strip().lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.path("dense").path("recall@1").asDouble()).as(run.out()).isEqualTo(1.0);
    }

    @Test
    void should_refuse_a_model_file_that_is_not_there_as_a_config_error() throws Exception {
        CliTest.Run ask = CliTest.run("ask", "reimbursement please", "--config",
                config(dir.resolve("models/missing.onnx")).toString());

        assertThat(ask.code()).isEqualTo(2);
        assertThat(ask.err()).contains("knowledge.embedding.english.onnx").contains("file not found")
                .contains("missing.onnx");
        assertThat(dir.resolve("index")).as("nothing created").doesNotExist();
    }
}
