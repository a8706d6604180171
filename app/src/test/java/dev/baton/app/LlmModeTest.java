package dev.baton.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** `llm:` in baton.yaml switches the engine to the LLM agent; a stubbed OpenAI-compatible API answers. */
class LlmModeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();

    @TempDir
    static Path dir;
    private static WireMockServer llm;
    private static BatonRuntime rt;

    @BeforeAll
    static void start() throws IOException {
        llm = new WireMockServer(options().dynamicPort());
        llm.start();
        String answer;
        try (InputStream in = LlmModeTest.class.getResourceAsStream("/llm/answer.json")) {
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer)));
        Path knowledge = dir.resolve("knowledge");
        ExampleKnowledge.extractTo(knowledge);
        String yaml = """
                server: { port: 0 }
                storage: { url: "jdbc:h2:mem:llm-%s;DB_CLOSE_DELAY=-1" }
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                llm:
                  base-url: http://localhost:%d/v1
                  api-key: test-key
                  model: deepseek-chat
                  timeout: 5s
                  max-retries: 0
                  llm-summary: false
                channels:
                  dev: { enabled: true, reply-timeout: 15s }
                """.formatted(UUID.randomUUID(), knowledge, dir.resolve("index"), llm.port());
        BatonConfig cfg = new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test");
        rt = BatonRuntime.start(cfg);
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
        if (llm != null) {
            llm.stop();
        }
    }

    private static JsonNode ask(String customer, String text) throws IOException {
        String body = MAPPER.writeValueAsString(java.util.Map.of("customer", customer, "text", text));
        Request req = new Request.Builder().url("http://localhost:" + rt.port() + "/api/dev/messages")
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response r = HTTP.newCall(req).execute()) {
            return MAPPER.readTree(r.body().string());
        }
    }

    @Test
    void should_answer_through_the_configured_llm() throws IOException {
        JsonNode r = ask("llm-customer", "怎么退货？");

        assertThat(r.path("replies").get(0).path("text").asText()).contains("7 天内可以申请无理由退货");
        llm.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_hand_off_an_explicit_request_without_calling_the_llm() throws IOException {
        int before = llm.getAllServeEvents().size();

        JsonNode r = ask("llm-human", "我要转人工");

        assertThat(r.path("state").asText()).isEqualTo("QUEUED");
        assertThat(llm.getAllServeEvents()).hasSize(before);
    }
}
