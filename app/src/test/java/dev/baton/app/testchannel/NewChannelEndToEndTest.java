package dev.baton.app.testchannel;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.app.BatonRuntime;
import dev.baton.app.ExampleKnowledge;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A channel added as one module and nothing else: {@link TestEchoChannel} lives in this test tree with its own
 * {@code META-INF/services} entry, and Baton, started as {@code baton serve} starts it, binds its
 * {@code channels.test-echo} block, serves its webhook and delivers the bot's answer through its sender. No file of
 * core or app names it.
 */
class NewChannelEndToEndTest {

    private static final String SECRET = "echo-s3cret";
    private static final OkHttpClient HTTP = new OkHttpClient();

    @TempDir
    static Path dir;
    static WireMockServer platform;
    static BatonRuntime rt;

    @BeforeAll
    static void start() throws IOException {
        platform = new WireMockServer(options().dynamicPort());
        platform.start();
        platform.stubFor(post(urlEqualTo("/replies")).willReturn(aResponse().withStatus(200)));
        Path knowledge = dir.resolve("knowledge");
        ExampleKnowledge.extractTo(knowledge);
        rt = BatonRuntime.start(load("""
                server: { port: 0 }
                storage: { url: "jdbc:h2:mem:echo-%s;DB_CLOSE_DELAY=-1" }
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                channels:
                  test-echo:
                    secret: ${ECHO_SECRET}
                    reply-url: http://localhost:%d/replies
                """.formatted(UUID.randomUUID(), knowledge, dir.resolve("index"), platform.port())));
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
        if (platform != null) {
            platform.stop();
        }
    }

    private static BatonConfig load(String yaml) {
        return new ConfigLoader(Map.of("ECHO_SECRET", SECRET)::get)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private static int webhook(String json, String secret) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String signature = HexFormat.of().formatHex(TestEchoChannel.sign(secret.getBytes(StandardCharsets.UTF_8),
                body));
        Request req = new Request.Builder().url("http://localhost:" + rt.port() + "/webhooks/test-echo")
                .header("X-Echo-Signature", signature)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build();
        try (Response r = HTTP.newCall(req).execute()) {
            return r.code();
        }
    }

    private static List<LoggedRequest> repliesTo(String customer) {
        return platform.findAll(postRequestedFor(urlEqualTo("/replies"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"to\":\"" + customer + "\"")).toList();
    }

    @Test
    void should_receive_a_webhook_and_send_the_answer_through_the_channels_own_sender() throws IOException {
        String message = "{\"id\":\"m-1\",\"from\":\"eve\",\"text\":\"How do I return an item?\"}";

        assertThat(webhook(message, SECRET)).isEqualTo(200);
        assertThat(webhook(message, SECRET)).as("the platform's retry is acked, not answered twice").isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !repliesTo("eve").isEmpty());
        assertThat(repliesTo("eve")).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("Source: How do I return an item?").doesNotContain(".md"));
    }

    @Test
    void should_refuse_a_webhook_with_a_bad_signature_without_storing_it() throws IOException {
        assertThat(webhook("{\"id\":\"m-2\",\"from\":\"mallory\",\"text\":\"hi\"}", "wrong")).isEqualTo(401);

        long stored = rt.engine().store().db().withConnection(c -> dev.baton.core.store.Sql.count(c,
                "SELECT COUNT(*) FROM inbound_log WHERE channel = ? AND platform_message_id = ?",
                TestEchoChannel.KEY, "m-2"));
        assertThat(stored).isZero();
        assertThat(repliesTo("mallory")).isEmpty();
    }

    @Test
    void should_bind_and_validate_the_block_like_any_built_in_channel() {
        assertThatThrownBy(() -> load("channels:\n  test-echo: { secrt: x, reply-url: http://x }\n"))
                .isInstanceOf(ConfigException.class).satisfies(e -> assertThat(((ConfigException) e).problems())
                        .singleElement().asString()
                        .startsWith("channels.test-echo.secrt: unknown key; did you mean secret?"));
        assertThatThrownBy(() -> load("channels:\n  test-echo: { reply-url: http://x }\n"))
                .isInstanceOf(ConfigException.class).satisfies(e -> assertThat(((ConfigException) e).problems())
                        .containsExactly("channels.test-echo.secret: required; set secret: ${ECHO_SECRET}"));
    }
}
