package dev.baton.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline look-ups from the customer's side, over the dev channel, against a stubbed order API: found (in the
 * conversation's language), not found, a missing order number asked for once and then filled, a follow-up on another
 * order, a timeout and a 5xx (a person takes over, with the earlier result in the summary and the conversation view),
 * {@code on-error: apologise}, and a look-up bound to the customer's identity that ignores an id the customer typed.
 */
class LookupsEndToEndTest {

    private static final String TOKEN = "shop-token-7f3a9c21e5b84d06";

    @TempDir
    static Path dir;
    static WireMockServer shop;
    static TestBaton baton;

    @BeforeAll
    static void start() throws Exception {
        shop = new WireMockServer(options().dynamicPort());
        shop.start();
        order("20251120-8891", "zh", "{\"status_text\":\"已发货\",\"carrier\":\"顺丰速运\",\"tracking_no\":\"SF1234567890\","
                + "\"eta\":\"12-05\",\"phone\":\"13800005678\"}");
        order("20251120-8891", "en", "{\"status_text\":\"shipped\",\"carrier\":\"SF Express\","
                + "\"tracking_no\":\"SF1234567890\",\"eta\":\"12-05\"}");
        order("20251121-0002", "zh", "{\"status_text\":\"已签收\",\"carrier\":\"中通快递\",\"tracking_no\":\"ZTO7531\","
                + "\"eta\":\"11-24\"}");
        shop.stubFor(get(urlEqualTo("/orders/20250000-0000")).willReturn(aResponse().withStatus(404)));
        shop.stubFor(get(urlEqualTo("/orders/20259999-0503")).willReturn(aResponse().withStatus(503)));
        shop.stubFor(get(urlEqualTo("/orders/20259999-0408")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(8000).withHeader("Content-Type", "application/json").withBody("{}")));
        shop.stubFor(get(urlMatching("/members/.*/points")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"points\": 1280}")));
        shop.stubFor(get(urlEqualTo("/members/m-down/points")).willReturn(aResponse().withStatus(500)));
        String base = "http://localhost:" + shop.port();
        String lookups = """
                lookups:
                  - name: order_status
                    description: { zh: 查询订单状态和物流, en: Order status and tracking }
                    examples: [我的订单到哪了, '订单 {order} 发货了吗', where is my order, 'track order {order}']
                    params:
                      order: { pattern: '\\d{8}-\\d{4}|\\d{12,20}', ask: { zh: 请提供订单号, en: "What is your order number?" } }
                    request: { method: GET, url: '%1$s/orders/{order}', auth: { bearer: %2$s }, timeout: 2s }
                    answer:
                      zh: '订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。'
                      en: 'Order {order}: {$.status_text}, {$.carrier} {$.tracking_no}, expected {$.eta}.'
                    on-not-found: { zh: 没有找到这个订单号，请核对一下。, en: "I couldn't find that order number." }
                    on-error: handoff
                    circuit-breaker: { failures: 10, open-for: 30s }
                  - name: member_points
                    examples: [我的积分还有多少, 查一下我的会员积分, how many points do I have]
                    params:
                      member: { from: identity }
                    request: { url: '%1$s/members/{member}/points', timeout: 2s }
                    answer: { zh: '您的会员积分：{$.points}', en: 'Your points: {$.points}' }
                    on-error: apologise
                """.formatted(base, TOKEN);
        baton = TestBaton.start(dir, Map.of("LOOKUPS", lookups));
    }

    private static void order(String id, String language, String body) {
        shop.stubFor(get(urlEqualTo("/orders/" + id)).withHeader("Accept-Language", equalTo(language))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @AfterAll
    static void stop() {
        if (baton != null) {
            baton.close();
        }
        if (shop != null) {
            shop.stop();
        }
    }

    private static String reply(JsonNode answer) {
        return answer.path("replies").get(0).path("text").asText();
    }

    @Test
    void should_answer_the_order_question_in_chinese_from_the_api() {
        JsonNode r = baton.customerSays("c-zh-" + System.nanoTime(), "我的订单 20251120-8891 到哪了");

        assertThat(reply(r)).isEqualTo("订单 20251120-8891：已发货，顺丰速运 SF1234567890，预计 12-05 送达。");
        assertThat(r.path("state").asText()).isEqualTo("BOT");
        shop.verify(getRequestedFor(urlEqualTo("/orders/20251120-8891"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        Timer found = baton.runtime.meters().find("baton.lookup.calls").tags("lookup", "order_status", "outcome",
                "found").timer();
        assertThat(found).isNotNull();
        assertThat(found.count()).isPositive();
    }

    @Test
    void should_answer_the_order_question_in_english() {
        JsonNode r = baton.customerSays("c-en-" + System.nanoTime(), "Where is my order 20251120-8891?");

        assertThat(reply(r)).isEqualTo("Order 20251120-8891: shipped, SF Express SF1234567890, expected 12-05.");
    }

    @Test
    void should_say_when_there_is_no_such_order() {
        JsonNode r = baton.customerSays("c-404-" + System.nanoTime(), "订单 20250000-0000 发货了吗");

        assertThat(reply(r)).isEqualTo("没有找到这个订单号，请核对一下。");
        assertThat(r.path("state").asText()).isEqualTo("BOT");
    }

    @Test
    void should_ask_for_a_missing_order_number_once_then_answer_with_it() {
        String customer = "c-ask-" + System.nanoTime();
        assertThat(reply(baton.customerSays(customer, "我的订单到哪了"))).isEqualTo("请提供订单号");

        JsonNode filled = baton.customerSays(customer, "20251120-8891");

        assertThat(reply(filled)).startsWith("订单 20251120-8891：已发货");

        String other = "c-ask-twice-" + System.nanoTime();
        assertThat(reply(baton.customerSays(other, "我的订单到哪了"))).isEqualTo("请提供订单号");
        assertThat(reply(baton.customerSays(other, "我不记得了")))
                .as("asked once: the bot does not ask the same question again").isNotEqualTo("请提供订单号");
    }

    @Test
    void should_follow_up_on_another_order() {
        String customer = "c-follow-" + System.nanoTime();
        assertThat(reply(baton.customerSays(customer, "我的订单 20251120-8891 到哪了"))).contains("已发货");

        JsonNode next = baton.customerSays(customer, "那我的另一个订单 20251121-0002 呢");

        assertThat(reply(next)).isEqualTo("订单 20251121-0002：已签收，中通快递 ZTO7531，预计 11-24 送达。");
    }

    @Test
    void should_hand_off_when_the_order_api_fails_with_the_earlier_result_for_the_agent() {
        String customer = "c-5xx-" + System.nanoTime();
        baton.customerSays(customer, "我的订单 20251120-8891 到哪了");

        JsonNode failed = baton.customerSays(customer, "那我的另一个订单 20259999-0503 呢");

        assertThat(failed.path("state").asText()).isEqualTo("QUEUED");
        long conv = failed.path("conversationId").asLong();
        JsonNode view = baton.token("ann").getJson("/api/conversations/" + conv);
        assertThat(view.path("ticket").path("reasons").toString()).contains("lookup_failed");
        assertThat(view.path("ticket").path("summary").asText()).contains("订单 20251120-8891：已发货");
        assertThat(view.path("lookups").get(0).path("text").asText()).contains("订单 20251120-8891：已发货");
        assertThat(view.path("lookups").get(1).path("outcome").asText()).isEqualTo("failed");
        assertThat(view.path("lookups").get(0).path("label").asText()).as("the look-up by its description, in the "
                + "desk's language (English here)").isEqualTo("Order status and tracking");
        assertThat(view.path("ticket").path("reasonLabels").toString()).contains("look-up failed");
        assertThat(view.path("ticket").path("summary").asText())
                .contains("A look-up in the business's system failed, so the bot could not answer.")
                .doesNotContain("lookup_failed");
    }

    @Test
    void should_hand_off_when_the_order_api_times_out() {
        long start = System.nanoTime();
        JsonNode r = baton.customerSays("c-slow-" + System.nanoTime(), "订单 20259999-0408 发货了吗");

        assertThat(r.path("state").asText()).isEqualTo("QUEUED");
        assertThat((System.nanoTime() - start) / 1_000_000).as("the 2 s timeout, not the API's 8 s")
                .isLessThan(6000);
        assertThat(baton.runtime.meters().find("baton.lookup.errors").tags("lookup", "order_status", "kind",
                "timeout").counter().count()).isPositive();
    }

    @Test
    void should_use_the_channels_id_never_a_typed_one_for_an_identity_look_up() {
        String customer = "m-" + System.nanoTime();
        JsonNode r = baton.customerSays(customer, "查一下我的会员积分，我的会员号是 m-2002");

        assertThat(reply(r)).isEqualTo("您的会员积分：1280");
        shop.verify(getRequestedFor(urlEqualTo("/members/" + customer + "/points")));
        shop.verify(0, getRequestedFor(urlMatching("/members/m-2002.*")));
    }

    @Test
    void should_apologise_and_stay_with_the_bot_when_configured_so() {
        JsonNode r = baton.customerSays("m-down", "我的积分还有多少");

        assertThat(reply(r)).contains("抱歉，暂时查询不到");
        assertThat(r.path("state").asText()).isEqualTo("BOT");
    }

    @Test
    void should_leave_a_sensitive_operation_to_a_person_even_with_an_order_number() {
        int before = shop.findAll(getRequestedFor(urlMatching("/orders/.*"))).size();

        JsonNode r = baton.customerSays("c-refund-" + System.nanoTime(), "订单 20251120-8891 重复扣款了，多扣了我的钱");

        assertThat(r.path("state").asText()).isEqualTo("QUEUED");
        JsonNode view = baton.token("ann").getJson("/api/conversations/" + r.path("conversationId").asLong());
        assertThat(view.path("ticket").path("reasons").toString()).contains("sensitive_intent");
        assertThat(shop.findAll(getRequestedFor(urlMatching("/orders/.*")))).as("no look-up for a dispute")
                .hasSize(before);
    }

    @Test
    void should_count_conversations_a_look_up_settled_in_analytics() {
        baton.customerSays("c-settled-" + System.nanoTime(), "我的订单 20251121-0002 到哪了");

        JsonNode report = baton.token("ann").getJson("/api/analytics?days=1");

        assertThat(report.path("lookupSettled").asLong()).isPositive();
    }
}
