package dev.baton.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import dev.baton.dev.DevConfig;

import static org.assertj.core.api.Assertions.assertThat;

/** Baton started as `baton serve` would start it, on the example shop, over HTTP. */
class BatonRuntimeTest {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();

    @TempDir
    static Path dir;
    private static BatonRuntime rt;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        Path knowledge = dir.resolve("knowledge");
        ExampleKnowledge.extractTo(knowledge);
        String yaml = """
                server: { port: 0, max-body-bytes: 65536 }
                storage: { url: "jdbc:h2:mem:runtime-%s;DB_CLOSE_DELAY=-1" }
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                inbox: { api-token: runtime-test-token-0123456789 }
                channels:
                  dev: { enabled: true, reply-timeout: 10s }
                """.formatted(UUID.randomUUID(), knowledge, dir.resolve("index"));
        BatonConfig cfg = new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test");
        rt = BatonRuntime.start(cfg);
        base = "http://localhost:" + rt.port();
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    private static JsonNode post(String path, String body, int expectedStatus) throws IOException {
        Request req = new Request.Builder().url(base + path).post(RequestBody.create(body, JSON)).build();
        try (Response r = HTTP.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(expectedStatus);
            String text = r.body().string();
            return text.startsWith("{") ? MAPPER.readTree(text) : null;
        }
    }

    private static Response get(String path, String token) throws IOException {
        Request.Builder b = new Request.Builder().url(base + path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.newCall(b.build()).execute();
    }

    private static String ask(String customer, String text) throws IOException {
        JsonNode r = post("/api/dev/messages", MAPPER.writeValueAsString(Map.of("customer", customer, "text", text)),
                200);
        return r.path("replies").get(0).path("text").asText();
    }

    @Test
    void should_answer_a_chinese_return_question_from_the_example_knowledge_citing_the_entry_title() throws IOException {
        String reply = ask("zh-customer", "怎么退货？");

        assertThat(reply).contains("申请售后").endsWith("来源：怎么退货？").doesNotContain(".md").doesNotContain("faq");
    }

    @Test
    void should_answer_from_a_csv_faq_table_of_the_example_knowledge() throws IOException {
        // membership-faq.csv: read with commons-csv, which needs the commons-io it was built against on the class path
        String reply = ask("csv-customer", "会员有哪些等级？");

        assertThat(reply).contains("普通会员、银卡、金卡和 VIP");
    }

    @Test
    void should_answer_an_english_return_question_citing_the_entry_title() throws IOException {
        String reply = ask("en-customer", "How do I return an item?");

        assertThat(reply).endsWith("Source: How do I return an item?").doesNotContain(".md");
    }

    @Test
    void should_hand_off_on_request_and_tell_the_queue_position() throws IOException {
        JsonNode r = post("/api/dev/messages", "{\"customer\":\"wants-human\",\"text\":\"转人工\"}", 200);

        assertThat(r.path("state").asText()).isEqualTo("QUEUED");
        assertThat(r.path("replies").get(0).path("text").asText()).contains("排在第");
    }

    @Test
    void should_refuse_malformed_and_oversized_requests_without_side_effects() throws IOException {
        JsonNode bad = post("/api/dev/messages", "{not json", 400);
        assertThat(bad.path("error").asText()).contains("JSON");
        post("/api/dev/messages", "{\"customer\":\"\",\"text\":\"hi\"}", 400);

        String huge = "{\"customer\":\"big\",\"text\":\"" + "x".repeat(70_000) + "\"}";
        post("/api/dev/messages", huge, 413);
        // the same body without a declared length (chunked) is refused as well, while it is read
        Request chunked = new Request.Builder().url(base + "/api/dev/messages").post(new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.writeUtf8(huge);
            }
        }).build();
        try (Response r = HTTP.newCall(chunked).execute()) {
            assertThat(r.code()).isEqualTo(413);
            assertThat(MAPPER.readTree(r.body().string()).path("error").asText()).contains("65536 bytes");
        }
        try (Response r = get("/api/dev/messages?customer=big", null)) {
            assertThat(MAPPER.readTree(r.body().string()).path("replies")).isEmpty();
        }
    }

    @Test
    void should_expose_health_and_prometheus_metrics() throws IOException {
        ask("metrics-customer", "怎么退货？");
        try (Response health = get("/healthz", null)) {
            assertThat(health.code()).isEqualTo(200);
        }
        try (Response metrics = get("/metrics", null)) {
            String text = metrics.body().string();
            assertThat(text).contains("baton_messages_in_total").contains("baton_turn_latency_seconds")
                    .contains("baton_lanes_queued").contains("baton_outbox_backlog").contains("baton_messages_out_total");
            // triage and the knowledge search share one embedding of the customer's text
            assertThat(text).containsPattern("baton_embeddings_total\\{result=\"cached\"\\} [1-9]");
        }
    }

    @Test
    void should_serve_the_customer_chat_page_of_the_dev_channel() throws IOException {
        try (Response page = get("/dev/chat", null)) {
            assertThat(page.code()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
            assertThat(page.body().string()).contains("id=\"composer\"").contains("/dev/chat.js");
        }
        try (Response script = get("/dev/chat.js", null)) {
            assertThat(script.code()).isEqualTo(200);
            assertThat(script.body().string()).contains("/api/dev/messages");
        }
    }

    @Test
    void should_say_a_channel_is_not_configured_on_its_reserved_webhook_route() throws IOException {
        try (Response r = get("/webhooks/whatsapp", null)) {
            assertThat(r.code()).isEqualTo(404);
            assertThat(r.body().string()).contains("channels.whatsapp");
        }
    }

    @Test
    void should_require_the_api_token_for_the_dead_letter_list() throws IOException {
        try (Response r = get("/api/outbox?status=dead", null)) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = get("/api/outbox?status=dead", "wrong")) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = get("/api/outbox?status=dead", "runtime-test-token-0123456789")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(MAPPER.readTree(r.body().string()).path("items").isArray()).isTrue();
        }
    }

    @Test
    void should_send_a_dead_reply_again_when_a_supervisor_requeues_it() throws Exception {
        String customer = "requeue-" + UUID.randomUUID();
        ask(customer, "怎么退货？");
        dev.baton.core.store.Store store = rt.engine().store();
        long id = store.db().withConnection(c -> store.outbox().forCustomerAfter(c, DevConfig.CHANNEL,
                customer, 0)).get(0).id();
        // the outbox delivers the reply on its own thread: let it finish, or its SENT mark could land after ours
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> store.db()
                .withConnection(c -> store.outbox().forCustomerAfter(c, DevConfig.CHANNEL, customer,
                        0)).get(0).status() == dev.baton.core.store.Outbox.Status.SENT);
        // as if every attempt had failed (an expired access token, say)
        store.db().inTransaction(c -> {
            store.outbox().markDead(c, id, "401 token expired", java.time.Instant.now());
            return null;
        });
        try (Response r = get("/api/outbox?status=dead", "runtime-test-token-0123456789")) {
            assertThat(r.body().string()).contains("\"id\":" + id).contains("token expired");
        }

        try (Response r = requeue(id, null)) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = requeue(id, "runtime-test-token-0123456789")) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(MAPPER.readTree(r.body().string()).path("requeued").asLong()).isEqualTo(id);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> store.db()
                .withConnection(c -> store.outbox().byId(c, id)).orElseThrow().status()
                == dev.baton.core.store.Outbox.Status.SENT);

        try (Response r = requeue(id, "runtime-test-token-0123456789")) {
            assertThat(r.code()).isEqualTo(409); // sent now: nothing to requeue
        }
        try (Response r = requeue(Long.MAX_VALUE, "runtime-test-token-0123456789")) {
            assertThat(r.code()).isEqualTo(404);
        }
    }

    private static Response requeue(long id, String token) throws IOException {
        Request.Builder b = new Request.Builder().url(base + "/api/outbox/" + id + "/requeue")
                .post(RequestBody.create(new byte[0], JSON));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.newCall(b.build()).execute();
    }
}
