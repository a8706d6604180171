package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code llm:} the look-ups are the model's tools, wired by the runtime: the model calls {@code order_status},
 * the shop's API answers, and the customer gets the model's answer grounded in the result (not the offline template).
 * The model and the shop are one WireMock server.
 */
class LookupsWithLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static WireMockServer stub;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        stub = new WireMockServer(options().dynamicPort());
        stub.start();
        stub.stubFor(get(urlEqualTo("/orders/20251120-8891")).willReturn(okJson("{\"status_text\":\"已发货\","
                + "\"carrier\":\"顺丰速运\",\"tracking_no\":\"SF1234567890\",\"eta\":\"12-05\"}")));
        stub.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("llm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(toolCall("order_status", "{\"order\":\"20251120-8891\"}"))).willSetStateTo("looked"));
        stub.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("llm").whenScenarioStateIs("looked")
                .willReturn(okJson(text("帮您查到了：订单已由顺丰速运发出（SF1234567890），预计 12-05 送达。"))));
        String blocks = """
                llm:
                  base-url: %1$s/v1
                  api-key: test-key
                  model: deepseek-chat
                  timeout: 5s
                  max-retries: 0
                  llm-summary: false
                lookups:
                  - name: order_status
                    examples: [我的订单到哪了, '订单 {order} 发货了吗', where is my order]
                    params:
                      order: { pattern: '\\d{8}-\\d{4}', ask: { zh: 请提供订单号, en: "What is your order number?" } }
                    request: { url: '%1$s/orders/{order}', timeout: 2s }
                    answer: { zh: '订单 {order}：{$.status_text}', en: 'Order {order}: {$.status_text}' }
                """.formatted(stub.baseUrl());
        baton = TestBaton.start(dir, Map.of("LOOKUPS", blocks));
    }

    @AfterAll
    static void stop() {
        if (baton != null) {
            baton.close();
        }
        if (stub != null) {
            stub.stop();
        }
    }

    private static String completion(ObjectNode message, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "c1").put("object", "chat.completion")
                .put("created", 1718000000).put("model", "deepseek-chat");
        root.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return root.toString();
    }

    private static String text(String content) {
        return completion(JSON.createObjectNode().put("role", "assistant").put("content", content), "stop");
    }

    private static String toolCall(String name, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                .putObject("function").put("name", name).put("arguments", arguments);
        return completion(message, "tool_calls");
    }

    @Test
    void should_let_the_model_call_the_look_up_and_answer_from_its_result() throws Exception {
        JsonNode r = baton.customerSays("llm-order", "我的订单 20251120-8891 到哪了");

        assertThat(r.path("replies").get(0).path("text").asText())
                .isEqualTo("帮您查到了：订单已由顺丰速运发出（SF1234567890），预计 12-05 送达。");
        stub.verify(1, getRequestedFor(urlEqualTo("/orders/20251120-8891")));
        stub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"order_status\"")));
        JsonNode view = baton.token("ann").getJson("/api/conversations/" + r.path("conversationId").asLong());
        assertThat(view.path("lookups").get(0).path("text").asText()).isEqualTo("订单 20251120-8891：已发货");
        assertThat(r.path("state").asText()).isEqualTo("BOT");
    }
}
