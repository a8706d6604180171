package dev.baton.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances started as {@code baton serve} starts them, with {@code cluster.enabled} on one PostgreSQL: both
 * answer, an agent's live events reach them whichever instance made the change, readiness is separate from liveness,
 * and a drained instance stops claiming while the other answers its customers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRuntimeTest {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(40)).build();
    private static final String TOKEN = "cluster-test-token-0123456789";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres pg;
    private static BatonRuntime a;
    private static BatonRuntime b;

    @BeforeAll
    static void start() throws IOException {
        // a data directory of the test's, kept when the server stops, so that it can be started again with its data
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false).start();
        Path knowledge = dir.resolve("knowledge");
        ExampleKnowledge.extractTo(knowledge);
        a = BatonRuntime.start(config("a", knowledge));
        b = BatonRuntime.start(config("b", knowledge));
    }

    private static BatonConfig config(String id, Path knowledge) {
        String yaml = """
                server: { port: 0 }
                storage: { url: "%s", user: postgres, password: postgres, pool: 6 }
                cluster: { enabled: true, lease: 6s, instance-id: %s }
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                inbox: { api-token: %s }
                channels:
                  dev: { enabled: true, reply-timeout: 30s }
                """.formatted(pg.getJdbcUrl("postgres", "postgres"), id, knowledge, dir.resolve("index-" + id), TOKEN);
        return new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test-" + id);
    }

    @AfterAll
    static void stop() throws IOException {
        for (BatonRuntime rt : new BatonRuntime[] {a, b}) {
            if (rt != null) {
                rt.close();
            }
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static String base(BatonRuntime rt) {
        return "http://localhost:" + rt.port();
    }

    private static JsonNode ask(BatonRuntime rt, String customer, String text) throws IOException {
        Request req = new Request.Builder().url(base(rt) + "/api/dev/messages")
                .post(RequestBody.create(MAPPER.writeValueAsString(Map.of("customer", customer, "text", text)), JSON))
                .build();
        try (Response r = HTTP.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(200);
            return MAPPER.readTree(r.body().string());
        }
    }

    private static int status(BatonRuntime rt, String path) throws IOException {
        try (Response r = HTTP.newCall(new Request.Builder().url(base(rt) + path).build()).execute()) {
            return r.code();
        }
    }

    @Test
    @Order(1)
    void should_answer_on_both_and_bring_a_change_made_on_one_to_an_agent_connected_to_the_other() throws Exception {
        assertThat(ask(a, "c-on-a", "怎么退货？").path("replies").get(0).path("text").asText()).contains("申请售后");
        assertThat(ask(b, "c-on-b", "怎么退货？").path("replies").get(0).path("text").asText()).contains("申请售后");

        // an agent's page is connected to b; the customer's message arrives on a
        Request events = new Request.Builder().url(base(b) + "/api/events").header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TOKEN)
                .build();
        try (Response stream = HTTP.newCall(events).execute()) {
            assertThat(stream.code()).isEqualTo(200);
            BufferedSource source = stream.body().source();
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = source.readUtf8Line()) != null) {
                        if (line.startsWith("data:") && line.contains("conversationId")) {
                            return line;
                        }
                    }
                    return "end of stream";
                } catch (IOException e) {
                    return e.toString();
                }
            });
            Thread.sleep(300); // the stream is registered before the change happens (no sleep for time to pass)
            ask(a, "c-seen-on-b", "How do I return an item?");
            assertThat(heard.get(20, TimeUnit.SECONDS)).contains("\"kind\":\"MESSAGE\"");
        }
    }

    @Test
    @Order(2)
    void should_report_readiness_apart_from_liveness_and_leave_a_drained_instances_work_to_the_other()
            throws Exception {
        assertThat(status(a, "/healthz/ready")).isEqualTo(200);
        assertThat(status(b, "/healthz/ready")).isEqualTo(200);
        BatonRuntime drained = a;

        Request drain = new Request.Builder().url(base(drained) + "/api/ops/drain")
                .header("Authorization", "Bearer " + TOKEN).post(RequestBody.create("", JSON)).build();
        try (Response r = HTTP.newCall(drain).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }

        assertThat(status(drained, "/healthz/ready")).isEqualTo(503);
        assertThat(status(drained, "/healthz/live")).isEqualTo(200);
        assertThat(status(drained, "/healthz")).isEqualTo(200);
        assertThat(status(b, "/healthz/ready")).isEqualTo(200);
        // a message that still reaches the drained instance is stored there and answered by the other one
        JsonNode r = ask(drained, "c-after-drain", "怎么退货？");
        assertThat(r.path("replies").get(0).path("text").asText()).contains("申请售后");
        assertThat(drained.engine().engine().claiming()).as("the drained instance processed none of it").isFalse();
    }

    @Test
    @Order(3)
    void should_report_not_ready_while_the_database_is_unreachable_and_ready_again_once_it_is_back() throws Exception {
        assertThat(status(b, "/healthz/ready")).isEqualTo(200);
        int port = pg.getPort();

        pg.close(); // the database goes away (a restart, a network cut)

        await().atMost(Duration.ofSeconds(30)).until(() -> status(b, "/healthz/ready") == 503);
        long asked = System.nanoTime();
        JsonNode report = readiness(b);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("a probe's answer does not wait for the pool")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(report.path("checks").path("database").asText()).isEqualTo("not ready");
        assertThat(status(b, "/healthz/live")).as("alive: do not restart it").isEqualTo(200);

        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setPort(port).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> status(b, "/healthz/ready") == 200);
        assertThat(ask(b, "c-after-the-database-came-back", "怎么退货？").path("replies").get(0).path("text")
                .asText()).contains("申请售后");
    }

    private static JsonNode readiness(BatonRuntime rt) throws IOException {
        try (Response r = HTTP.newCall(new Request.Builder().url(base(rt) + "/healthz/ready").build()).execute()) {
            return MAPPER.readTree(r.body().string());
        }
    }
}
