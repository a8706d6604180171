package dev.baton.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code knowledge.embedding}: read, checked at load with errors that name the key, its API key kept out of logs. */
class EmbeddingConfigTest {

    @TempDir
    Path dir;

    private static BatonConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(env::get).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test.yaml");
    }

    private static ConfigException fails(String yaml) {
        ConfigException e = catchThrowableOfType(() -> load(yaml, Map.of()), ConfigException.class);
        assertThat(e).as("a config error").isNotNull();
        return e;
    }

    private String slashes(Path p) {
        return p.toString().replace('\\', '/');
    }

    @Test
    void should_use_the_packaged_models_without_the_block() {
        assertThat(load("", Map.of()).knowledge().embedding().configured()).isFalse();
        assertThat(load("knowledge:\n  folder: ./kb\n", Map.of()).knowledge().embedding())
                .isEqualTo(EmbeddingConfig.packaged());
    }

    @Test
    void should_read_model_files_and_an_api() throws Exception {
        Path onnx = Files.writeString(dir.resolve("m.onnx"), "x");
        Path tok = Files.writeString(dir.resolve("tokenizer.json"), "{}");

        BatonConfig cfg = load("""
                knowledge:
                  embedding:
                    english: { onnx: "%s", tokenizer: "%s", pooling: MEAN }
                    chinese: { api: openai, base-url: "https://emb.example.com/v1", model: text-embedding-v3,
                               api-key: "${EMB_KEY}", dimensions: 512, timeout: 5s }
                """.formatted(slashes(onnx), slashes(tok)), Map.of("EMB_KEY", "sk-embedding-secret"));

        EmbeddingConfig e = cfg.knowledge().embedding();
        assertThat(e.english().isFiles()).isTrue();
        assertThat(e.english().pooling()).isEqualTo("mean");
        assertThat(e.chinese().isFiles()).isFalse();
        assertThat(e.chinese().dimensions()).isEqualTo(512);
        assertThat(ConfiguredSecrets.of(cfg)).contains("sk-embedding-secret");
        assertThat(e.chinese().toString()).doesNotContain("sk-embedding-secret");
    }

    @Test
    void should_name_the_key_of_a_missing_file_and_a_bad_pooling() throws Exception {
        Path tok = Files.writeString(dir.resolve("tokenizer.json"), "{}");

        ConfigException e = fails("""
                knowledge:
                  embedding:
                    english: { onnx: "%s", tokenizer: "%s", pooling: max }
                """.formatted(slashes(dir.resolve("nope.onnx")), slashes(tok)));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("knowledge.embedding.english.onnx: file "
                + "not found").contains("nope.onnx"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("knowledge.embedding.english.pooling: "
                + "must be cls or mean, got max"));
    }

    @Test
    void should_ask_for_one_kind_of_model_with_what_it_needs() {
        assertThat(fails("knowledge:\n  embedding:\n    chinese: { pooling: cls }\n").problems())
                .anySatisfy(p -> assertThat(p).startsWith("knowledge.embedding.chinese: set onnx:"));
        assertThat(fails("knowledge:\n  embedding:\n    english: { api: openai }\n").problems())
                .anySatisfy(p -> assertThat(p).startsWith("knowledge.embedding.english.base-url: required"))
                .anySatisfy(p -> assertThat(p).startsWith("knowledge.embedding.english.model: required"));
        assertThat(fails("knowledge:\n  embedding:\n    english: { api: cohere, base-url: 'https://x', model: m }\n")
                .problems()).anySatisfy(p -> assertThat(p).startsWith("knowledge.embedding.english.api: must be "
                + "openai"));
        assertThat(fails("knowledge:\n  embedding:\n    english: { onnx: /m.onnx, api: openai }\n").problems())
                .anySatisfy(p -> assertThat(p).contains("keep one"));
        assertThat(fails("knowledge:\n  embedding:\n    english: { onxx: /m.onnx }\n").problems())
                .anySatisfy(p -> assertThat(p).contains("did you mean onnx"));
    }
}
