package dev.baton.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
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
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets never reach a log line: not the LLM key that a provider (or a proxy) echoes in its error body, not a
 * configured secret or a bearer token that any library puts in a message. Log lines are captured as the configured
 * appender would write them, through its own encoder.
 */
class SecretsNotLoggedTest {

    private static final String KEY = "sk-echoed-4f1d0c9b8a7e6d5c";
    private static final String INBOX_TOKEN = "inbox-integration-9b8a7e6d5c4f";
    private static final String SHOP_TOKEN = "shop-bearer-3c2b1a0f9e8d";
    private static final String SHOP_KEY = "shop-api-key-5e4d3c2b1a09";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    private static WireMockServer llm;
    private static BatonRuntime rt;

    @BeforeAll
    static void start() throws IOException {
        llm = new WireMockServer(options().dynamicPort());
        llm.start();
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". Check your key.\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
        Path knowledge = dir.resolve("knowledge");
        ExampleKnowledge.extractTo(knowledge);
        String yaml = """
                server: { port: 0 }
                storage: { url: "jdbc:h2:mem:secrets-%s;DB_CLOSE_DELAY=-1" }
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                inbox: { api-token: %s }
                llm:
                  base-url: http://localhost:%d/v1
                  api-key: %s
                  model: deepseek-chat
                  timeout: 5s
                  max-retries: 0
                  llm-summary: false
                channels:
                  dev: { enabled: true, reply-timeout: 15s }
                lookups:
                  - name: order_status
                    examples: [where is my order]
                    params: { order: { pattern: '\\d{8}', ask: "Your order number?" } }
                    request: { url: 'http://localhost:%d/orders/{order}', auth: { bearer: '%s' },
                               headers: { X-Api-Key: '%s' } }
                    answer: 'Order {order}: {$.status}'
                """.formatted(UUID.randomUUID(), knowledge, dir.resolve("index"), INBOX_TOKEN, llm.port(), KEY,
                llm.port(), SHOP_TOKEN, SHOP_KEY);
        BatonConfig cfg = new ConfigLoader(k -> null).load(new ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8)), "test");
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

    @Test
    void should_not_log_the_api_key_that_the_provider_echoes_in_its_401() throws IOException {
        List<String> lines = capture(() -> {
            String body = MAPPER.writeValueAsString(Map.of("customer", "echo-customer", "text", "怎么退货？"));
            Request req = new Request.Builder().url("http://localhost:" + rt.port() + "/api/dev/messages")
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build();
            try (Response r = new OkHttpClient().newCall(req).execute()) {
                assertThat(r.code()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> String.join("", CAPTURED).contains("model call failed"));
        });

        String all = String.join("", lines);
        assertThat(all).contains("model call failed").contains("Incorrect API key provided: ***");
        assertThat(all).doesNotContain(KEY).doesNotContain(KEY.substring(3));
    }

    @Test
    void should_mask_bearer_tokens_and_configured_secrets_in_any_logger() throws IOException {
        List<String> lines = capture(() -> {
            org.slf4j.Logger any = LoggerFactory.getLogger("com.example.SomeLibrary");
            any.warn("retrying POST with Authorization: Bearer sk-proxy-77aa88bb99cc");
            any.warn("request failed", new IllegalStateException("401 for token " + INBOX_TOKEN));
            any.warn("shop API said: bad key " + SHOP_KEY + " for " + SHOP_TOKEN);
        });

        String all = String.join("", lines);
        assertThat(all).contains("Authorization: Bearer ***").contains("IllegalStateException: 401 for token ***");
        assertThat(all).doesNotContain("sk-proxy-77aa88bb99cc").doesNotContain(INBOX_TOKEN);
        assertThat(all).as("a look-up's bearer token and header values are config secrets")
                .contains("shop API said: bad key *** for ***").doesNotContain(SHOP_KEY).doesNotContain(SHOP_TOKEN);
    }

    @Test
    void should_redact_with_the_shipped_logback_configuration() throws Exception {
        LoggerContext ctx = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(ctx);
            configurator.doConfigure(SecretsNotLoggedTest.class.getResource("/logback.xml"));
            Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            AsyncAppender async = (AsyncAppender) root.getAppender("ASYNC");
            @SuppressWarnings("unchecked")
            Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) async.getAppender("STDERR"))
                    .getEncoder();
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), ctx.getLogger("x"), Level.WARN,
                    "GET {} with Authorization: Bearer sk-shipped-1a2b3c4d", null,
                    new Object[]{"https://api.weixin.qq.com/cgi-bin/media/get?access_token=WX-ACCESS-TOKEN&id=1"});

            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

            assertThat(line).contains("Bearer ***").contains("access_token=***&id=1")
                    .doesNotContain("sk-shipped-1a2b3c4d").doesNotContain("WX-ACCESS-TOKEN");
        } finally {
            ctx.stop();
        }
    }

    private static final List<String> CAPTURED = new CopyOnWriteArrayList<>();

    private interface Action {
        void run() throws IOException;
    }

    /**
     * Runs the action with every log line written through the encoder of the configured STDERR appender (which is
     * detached meanwhile, so that one encoder serves one appender) and with Baton's own loggers at DEBUG.
     */
    @SuppressWarnings("unchecked")
    private static List<String> capture(Action action) throws IOException {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger baton = ctx.getLogger("dev.baton");
        OutputStreamAppender<ILoggingEvent> stderr = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
        Encoder<ILoggingEvent> encoder = stderr.getEncoder();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                String line = new String(encoder.encode(e), StandardCharsets.UTF_8);
                CAPTURED.add(line);
                System.err.print(line);
            }
        };
        capture.setContext(ctx);
        capture.start();
        Level level = baton.getLevel();
        CAPTURED.clear();
        root.detachAppender(stderr);
        root.addAppender(capture);
        baton.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            baton.setLevel(level);
            root.detachAppender(capture);
            root.addAppender(stderr);
            capture.stop();
        }
        return List.copyOf(CAPTURED);
    }
}
