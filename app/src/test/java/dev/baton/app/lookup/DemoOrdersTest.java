package dev.baton.app.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.BatonRuntime;
import dev.baton.app.ExampleKnowledge;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo needs no external service: with the dev channel on, Baton serves the example shop's orders at
 * {@code /dev/orders/{id}}, and the {@code order_status} look-up of the bundled {@code baton.example.yaml} (taken
 * from it as shipped) answers "我的订单 20251120-8891 到哪了" from them.
 */
class DemoOrdersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static BatonRuntime rt;

    @BeforeAll
    static void start() throws Exception {
        String example = ConfigLoader.resource("/baton/baton.example.yaml");
        int from = example.indexOf("\nlookups:");
        int to = example.indexOf("\ninbox:", from);
        assertThat(from).as("the bundled example declares look-ups").isPositive();
        Path knowledge = dir.resolve("knowledge");
        ExampleKnowledge.extractTo(knowledge);
        String yaml = """
                server: { port: 0 }
                storage: { url: "jdbc:h2:mem:demo-%s;DB_CLOSE_DELAY=-1" }
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                channels:
                  dev: { enabled: true, reply-timeout: 20s }
                """.formatted(UUID.randomUUID(), knowledge, dir.resolve("index")) + example.substring(from + 1, to);
        BatonConfig cfg = new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(
                StandardCharsets.UTF_8)), "test");
        rt = BatonRuntime.start(cfg);
    }

    @AfterAll
    static void stop() {
        if (rt != null) {
            rt.close();
        }
    }

    private static HttpResponse<String> get(String path, String language) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + rt.port() + path))
                .header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String say(String customer, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("customer", customer, "text", text));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + rt.port()
                        + "/api/dev/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        return answer.path("replies").get(0).path("text").asText();
    }

    @Test
    void should_serve_a_sample_order_in_the_language_asked_for_and_404_for_an_unknown_one() throws Exception {
        JsonNode zh = JSON.readTree(get("/dev/orders/20251120-8891", "zh-CN").body());
        JsonNode en = JSON.readTree(get("/dev/orders/20251120-8891", "en").body());

        assertThat(zh.path("status_text").asText()).isEqualTo("已发货");
        assertThat(en.path("status_text").asText()).isEqualTo("shipped");
        assertThat(get("/dev/orders/20990101-0000", "zh").statusCode()).isEqualTo(404);
    }

    @Test
    void should_answer_the_order_question_of_the_readme_tour() throws Exception {
        assertThat(say("demo-zh", "我的订单 20251120-8891 到哪了"))
                .isEqualTo("订单 20251120-8891：已发货，顺丰速运 SF1234567890，预计 12-05 送达。");
        assertThat(say("demo-en", "Where is my order 20251120-8891?"))
                .isEqualTo("Order 20251120-8891: shipped, SF Express SF1234567890, expected 12-05.");
        assertThat(say("demo-delivered", "track order 20251121-0002"))
                .isEqualTo("Order 20251121-0002: delivered, ZTO Express ZTO75310086420, arrived 11-24.");
    }
}
