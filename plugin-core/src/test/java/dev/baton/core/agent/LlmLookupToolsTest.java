package dev.baton.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.lookup.LookupConfig;
import dev.baton.core.lookup.Lookups;
import dev.baton.core.testing.JdkLookupTransport;
import dev.baton.core.testing.ShopLookups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look-ups as the model's tools: a JSON schema per look-up (the identity never in it), the call and an answer
 * grounded in its result, a typed identity refused, at most {@code max-lookups-per-turn} calls, and a failed look-up
 * that hands off on error making the turn a handoff. The model and the shop's API are both WireMock.
 */
class LlmLookupToolsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Customer MEMBER = new Customer(1, Channel.of("dev"), "m-1001", null, null, List.of(), "zh",
            Instant.parse("2025-01-01T00:00:00Z"));

    private final AgentFixture fx = new AgentFixture();
    private final JdkLookupTransport transport = new JdkLookupTransport();
    private LlmAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        fx.close();
    }

    private LlmAgent agent(int maxPerTurn) {
        var cfg = AgentFixture.config(wm.baseUrl() + "/v1").withMaxLookupsPerTurn(maxPerTurn);
        Lookups lookups = new Lookups(List.of(ShopLookups.orderStatus(wm.baseUrl(), LookupConfig.OnError.HANDOFF),
                ShopLookups.memberPoints(wm.baseUrl())), transport, fx.meters, fx.clock);
        return new LlmAgent(cfg, LlmModels.chatModel(cfg), fx.store, AgentFixture.SEARCH, lookups, fx.offline,
                fx.meters, fx.clock, fx.executor, false);
    }

    private static AgentRequest ask(long conversation, String text) {
        return new AgentRequest(conversation, text, dev.baton.text.Language.detect(text), List.of(), null, MEMBER);
    }

    private static void modelSays(String scenarioState, String body, String next) {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("turn").whenScenarioStateIs(scenarioState)
                .willReturn(okJson(body)).willSetStateTo(next));
    }

    private static List<LoggedRequest> modelRequests() {
        return wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return OpenAiStub.JSON.readTree(r.getBodyAsString());
    }

    private static void shipped() {
        wm.stubFor(get(urlEqualTo("/orders/20251120-8891")).willReturn(okJson("{\"status_text\":\"已发货\","
                + "\"carrier\":\"顺丰速运\",\"tracking_no\":\"SF1234567890\",\"eta\":\"12-05\",\"phone\":\"13800005678\"}")));
    }

    @Test
    void should_offer_each_look_up_as_a_tool_with_a_schema_of_the_customers_values_only() throws Exception {
        modelSays(Scenario.STARTED, OpenAiStub.text("您好"), "done");
        agent = agent(2);

        agent.answer(ask(1, "你好"));

        JsonNode tools = body(modelRequests().get(0)).get("tools");
        JsonNode order = null;
        JsonNode points = null;
        for (JsonNode t : tools) {
            String name = t.path("function").path("name").asText();
            order = "order_status".equals(name) ? t.path("function") : order;
            points = "member_points".equals(name) ? t.path("function") : points;
        }
        assertThat(order).isNotNull();
        assertThat(order.path("parameters").path("properties").has("order")).isTrue();
        assertThat(order.path("parameters").path("required").toString()).contains("order");
        assertThat(points).isNotNull();
        assertThat(points.path("parameters").path("properties").has("member"))
                .as("the identity comes from the channel, so the model is never asked for it").isFalse();
    }

    @Test
    void should_call_the_look_up_and_answer_from_its_result() throws Exception {
        shipped();
        modelSays(Scenario.STARTED, OpenAiStub.toolCall("order_status", Map.of("order", "20251120-8891")), "looked");
        modelSays("looked", OpenAiStub.text("您的订单已发货（顺丰速运 SF1234567890），预计 12-05 送达。"), "done");
        agent = agent(2);

        AgentReply r = agent.answer(ask(2, "我的订单 20251120-8891 到哪了"));

        assertThat(r.text()).isEqualTo("您的订单已发货（顺丰速运 SF1234567890），预计 12-05 送达。");
        assertThat(r.wantsHuman()).isFalse();
        assertThat(r.knowledgeMiss()).as("a look-up answered it: no knowledge question").isFalse();
        assertThat(r.lookups()).extracting(LookupTrace::outcome).containsExactly(LookupTrace.Outcome.FOUND);
        String toolResult = body(modelRequests().get(1)).get("messages").toString();
        assertThat(toolResult).contains("SF1234567890").contains("\\\"found\\\"")
                .as("masked fields never reach the model").doesNotContain("13800005678");
    }

    @Test
    void should_refuse_an_identity_the_model_passes_and_use_the_channels_id() throws Exception {
        wm.stubFor(get(urlMatching("/members/.*/points")).willReturn(okJson("{\"points\": 1280}")));
        modelSays(Scenario.STARTED, OpenAiStub.toolCall("member_points", Map.of("member", "m-2002")), "typed");
        modelSays("typed", OpenAiStub.toolCall("member_points", Map.of()), "looked");
        modelSays("looked", OpenAiStub.text("您的会员积分是 1280。"), "done");
        agent = agent(2);

        AgentReply r = agent.answer(ask(3, "查一下会员 m-2002 的积分"));

        assertThat(body(modelRequests().get(1)).get("messages").toString()).contains("refused");
        wm.verify(0, getRequestedFor(urlMatching("/members/m-2002.*")));
        wm.verify(1, getRequestedFor(urlEqualTo("/members/m-1001/points")));
        assertThat(r.text()).isEqualTo("您的会员积分是 1280。");
        assertThat(r.lookups()).extracting(LookupTrace::outcome)
                .containsExactly(LookupTrace.Outcome.REFUSED, LookupTrace.Outcome.FOUND);
    }

    @Test
    void should_refuse_calls_over_the_per_turn_limit() throws Exception {
        shipped();
        modelSays(Scenario.STARTED, OpenAiStub.toolCall("order_status", Map.of("order", "20251120-8891")), "one");
        modelSays("one", OpenAiStub.toolCall("order_status", Map.of("order", "20251120-8891")), "two");
        modelSays("two", OpenAiStub.text("订单 20251120-8891 已发货。"), "done");
        agent = agent(1);

        AgentReply r = agent.answer(ask(4, "我的订单 20251120-8891 到哪了"));

        wm.verify(1, getRequestedFor(urlEqualTo("/orders/20251120-8891")));
        assertThat(body(modelRequests().get(2)).get("messages").toString()).contains("limit reached");
        assertThat(fx.meters.find("baton.lookup.refused").tags("lookup", "order_status", "reason", "limit")
                .counter().count()).isEqualTo(1.0);
        assertThat(r.text()).isEqualTo("订单 20251120-8891 已发货。");
    }

    @Test
    void should_hand_off_when_a_look_up_that_hands_off_on_error_fails() {
        wm.stubFor(get(urlEqualTo("/orders/20259999-0503")).willReturn(aResponse().withStatus(503)));
        modelSays(Scenario.STARTED, OpenAiStub.toolCall("order_status", Map.of("order", "20259999-0503")), "failed");
        modelSays("failed", OpenAiStub.text("抱歉，系统繁忙。"), "done");
        agent = agent(2);

        AgentReply r = agent.answer(ask(5, "订单 20259999-0503 发货了吗"));

        assertThat(r.handoff()).isEqualTo(HandoffReason.LOOKUP_FAILED);
        assertThat(r.lookups()).extracting(LookupTrace::outcome).containsExactly(LookupTrace.Outcome.FAILED);
    }
}
