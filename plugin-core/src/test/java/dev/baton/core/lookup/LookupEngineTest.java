package dev.baton.core.lookup;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.engine.TriagePolicyDecider;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.testing.DeliveredSender;
import dev.baton.core.testing.JdkLookupTransport;
import dev.baton.core.testing.TestClock;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageConfig;
import dev.baton.core.triage.TriageOverrides;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business look-ups without a model, through the whole engine: triage (the real in-process model) recognises the
 * look-up from its examples, the policy decides first, the shop's API is WireMock.
 */
class LookupEngineTest {

    static final String SHIPPED = """
            {"status": "shipped", "status_text": "已发货", "carrier": "顺丰", "tracking_no": "SF1234", "eta": "12-05",
             "phone": "13800001234"}""";
    static final String DELIVERED = """
            {"status": "delivered", "status_text": "已签收", "carrier": "中通", "tracking_no": "ZT999", "eta": "11-24"}""";

    /** Looks nothing up: every question is a knowledge miss. */
    private static final KnowledgeSearch NOTHING = (q, k) -> List.of(new KnowledgeAnswer("faq/x.md#y", "营业时间",
            "客服时间为每天 9:00–21:00。", "faq/x.md › 营业时间", 0.1, false));

    private static WireMockServer shop;
    private static BgeSmallZhV15QuantizedEmbeddingModel model;
    private static Triage triage;
    private static List<LookupConfig> configs;

    private Database db;
    private EngineBuilder.Built built;
    private SimpleMeterRegistry meters;
    private final TestClock clock = TestClock.system();

    static String yaml(int port) {
        return """
                - name: order_status
                  description: { zh: 查询订单状态和物流, en: Order status and tracking }
                  examples: [我的订单到哪了, '订单 {order} 发货了吗', '帮我查一下订单 {order}', where is my order, 'track order {order}']
                  params:
                    order: { pattern: '\\d{8}-\\d{4}|\\d{12,20}', ask: { zh: 请提供订单号, en: 'What is your order number?' } }
                  request: { method: GET, url: 'http://localhost:%1$d/orders/{order}', auth: { bearer: shop-token-123 },
                             timeout: 1s }
                  answer:
                    zh: '订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。'
                    en: 'Order {order}: {$.status_text}, {$.carrier} {$.tracking_no}, expected {$.eta}.'
                  on-not-found: { zh: 没有找到这个订单号，请核对一下。, en: "I couldn't find that order number." }
                  on-error: handoff
                  circuit-breaker: { failures: 2, open-for: 30s }
                - name: member_points
                  description: { zh: 会员积分, en: Loyalty points }
                  examples: [我的积分还有多少, 查一下我的会员积分, how many points do I have]
                  params:
                    member: { from: identity }
                  request: { url: 'http://localhost:%1$d/members/{member}/points', timeout: 1s }
                  answer: { zh: '您当前的积分：{$.points}。', en: 'You have {$.points} points.' }
                  on-error: apologise
                  circuit-breaker: { failures: 2, open-for: 30s }
                """.formatted(port);
    }

    @BeforeAll
    static void startShop() {
        shop = new WireMockServer(options().dynamicPort());
        shop.start();
        configs = LookupYaml.list(yaml(shop.port()));
        model = new BgeSmallZhV15QuantizedEmbeddingModel();
        triage = new Triage(TriageConfig.defaults().with(new TriageOverrides(null, null,
                configs.stream().map(LookupConfig::intent).toList(), null, null, null, null, null))
                .withExtraKeywords(HandoffConfig.defaults().keywords()), model);
    }

    @AfterAll
    static void stopShop() {
        shop.stop();
    }

    @BeforeEach
    void setUp() {
        shop.resetAll();
        meters = new SimpleMeterRegistry();
        db = Database.open("jdbc:h2:mem:lookup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        HandoffPolicy policy = new HandoffPolicy(HandoffConfig.defaults());
        Lookups lookups = new Lookups(configs, new JdkLookupTransport(), meters, clock);
        built = new EngineBuilder(db).knowledge(NOTHING).policy(policy)
                .decider(new TriagePolicyDecider(triage, policy, lookups.names())).lookups(lookups)
                .sender(new DeliveredSender()).meters(meters).clock(clock).build();
        built.engine().start();
    }

    @AfterEach
    void tearDown() {
        built.close();
        db.close();
    }

    private List<String> say(String customer, String text) {
        InboundMessage m = new InboundMessage(Channel.of("dev"), UUID.randomUUID().toString(), customer, null, null,
                Instant.now(), new InboundContent.Text(text));
        InboundSink.Receipt r = built.engine().accept(List.of(m)).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(15)).stream().map(built.engine()::text)
                .toList();
    }

    private dev.baton.core.plugin.PassiveReplies.ConversationStatus conversation(String customer) {
        return built.engine().conversation(Channel.of("dev"), customer).orElseThrow();
    }

    private List<Message> transcript(String customer) {
        long id = conversation(customer).id();
        return db.withConnection(c -> built.store().messages().transcript(c, id));
    }

    private HandoffTicket ticket(String customer) {
        long id = conversation(customer).id();
        return db.withConnection(c -> built.store().tickets().activeFor(c, id)).orElseThrow().ticket();
    }

    private void order(String id, String body) {
        shop.stubFor(get(urlEqualTo("/orders/" + id)).willReturn(okJson(body)));
    }

    @Test
    void should_answer_from_the_template_when_the_order_is_found() {
        order("20251120-8891", SHIPPED);

        List<String> replies = say("alice", "我的订单 20251120-8891 到哪了");

        assertThat(replies).containsExactly("订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达。");
        shop.verify(1, getRequestedFor(urlEqualTo("/orders/20251120-8891"))
                .withHeader("Authorization", equalTo("Bearer shop-token-123"))
                .withHeader("Accept-Language", equalTo("zh")));
        assertThat(conversation("alice").state()).isEqualTo(ConversationState.BOT);
        LookupTrace trace = transcript("alice").get(0).signals().lookups().get(0);
        assertThat(trace.outcome()).isEqualTo(LookupTrace.Outcome.FOUND);
        assertThat(transcript("alice").get(0).signals().knowledgeMiss()).as("a look-up's turn is no knowledge miss")
                .isFalse();
        assertThat(meters.get("baton.lookup.calls").tags("lookup", "order_status", "outcome", "found").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void should_answer_in_english_for_an_english_conversation() {
        order("20251120-8891", SHIPPED);

        assertThat(say("bob", "where is my order 20251120-8891?"))
                .containsExactly("Order 20251120-8891: 已发货, 顺丰 SF1234, expected 12-05.");
        shop.verify(getRequestedFor(urlEqualTo("/orders/20251120-8891")).withHeader("Accept-Language", equalTo("en")));
    }

    @Test
    void should_say_not_found_when_the_api_has_no_such_order() {
        shop.stubFor(get(urlEqualTo("/orders/20990101-0000")).willReturn(aResponse().withStatus(404)));

        assertThat(say("carol", "订单 20990101-0000 发货了吗")).containsExactly("没有找到这个订单号，请核对一下。");
        assertThat(meters.get("baton.lookup.calls").tags("outcome", "not_found").timer().count()).isEqualTo(1);
    }

    @Test
    void should_ask_for_a_missing_order_number_once_and_fill_it_from_the_next_message() {
        order("20251120-8891", SHIPPED);

        List<String> asked = say("dave", "我的订单到哪了");
        shop.verify(0, anyRequestedFor(urlMatching(".*")));
        List<String> answered = say("dave", "20251120-8891");

        assertThat(asked).containsExactly("请提供订单号");
        assertThat(answered).containsExactly("订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达。");
        shop.verify(1, getRequestedFor(urlEqualTo("/orders/20251120-8891")));
    }

    @Test
    void should_not_ask_twice_when_the_customer_moves_on() {
        List<String> asked = say("erin", "我的订单到哪了");
        List<String> next = say("erin", "算了，你们几点下班");

        assertThat(asked).containsExactly("请提供订单号");
        assertThat(next).doesNotContain("请提供订单号");
        shop.verify(0, anyRequestedFor(urlMatching(".*")));
    }

    @Test
    void should_follow_up_on_another_order_in_the_same_conversation() {
        order("20251120-8891", SHIPPED);
        order("20251121-0002", DELIVERED);

        say("frank", "帮我查一下订单 20251120-8891");
        List<String> followUp = say("frank", "那我的另一个订单 20251121-0002 呢");
        List<String> bare = say("frank", "what about 20251120-8891?");

        assertThat(followUp).containsExactly("订单 20251121-0002：已签收，中通 ZT999，预计 11-24 送达。");
        assertThat(bare).hasSize(1).allMatch(r -> r.contains("20251120-8891") && r.contains("SF1234"));
    }

    @Test
    void should_hand_off_with_the_reason_when_the_api_times_out() {
        shop.stubFor(get(urlPathMatching("/orders/.*")).willReturn(okJson(SHIPPED).withFixedDelay(3000)));

        List<String> replies = say("gina", "我的订单 20251120-8891 到哪了");

        assertThat(conversation("gina").state()).isEqualTo(ConversationState.QUEUED);
        assertThat(replies).hasSize(1).allMatch(r -> r.contains("人工客服"));
        HandoffTicket t = ticket("gina");
        assertThat(t.reasons()).containsExactly(HandoffReason.LOOKUP_FAILED);
        assertThat(t.lookups()).singleElement().satisfies(r -> {
            assertThat(r.lookup()).isEqualTo("order_status");
            assertThat(r.outcome()).isEqualTo("failed");
            assertThat(r.text()).startsWith("timeout");
        });
        assertThat(meters.get("baton.lookup.errors").tags("kind", "timeout").counter().count()).isEqualTo(1);
    }

    @Test
    void should_apologise_on_a_5xx_and_stop_calling_once_the_circuit_opens() {
        shop.stubFor(get(urlPathMatching("/members/.*")).willReturn(aResponse().withStatus(503)));

        // three customers: the breaker is the look-up's, and a customer repeating a question is handed off by policy
        List<String> first = say("hank", "我的积分还有多少");
        say("ivy", "查一下我的会员积分");
        List<String> third = say("jack", "我的积分还有多少");

        assertThat(first).singleElement().asString().startsWith("抱歉，暂时查询不到");
        assertThat(third).singleElement().asString().startsWith("抱歉，暂时查询不到");
        assertThat(conversation("hank").state()).isEqualTo(ConversationState.BOT);
        assertThat(conversation("jack").state()).isEqualTo(ConversationState.BOT);
        shop.verify(2, getRequestedFor(urlPathMatching("/members/.*")));
        assertThat(meters.get("baton.lookup.errors").tags("kind", "circuit_open").counter().count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        shop.stubFor(get(urlPathMatching("/members/.*")).willReturn(okJson("{\"points\": 120}")));
        assertThat(say("kim", "我的积分还有多少")).containsExactly("您当前的积分：120。");
    }

    @Test
    void should_send_the_channels_verified_id_and_never_a_typed_one() {
        shop.stubFor(get(urlPathMatching("/members/.*")).willReturn(okJson("{\"points\": 880}")));

        List<String> replies = say("wx-openid-7f3a", "查积分，我的会员号是 u-999");

        assertThat(replies).containsExactly("您当前的积分：880。");
        shop.verify(1, getRequestedFor(urlEqualTo("/members/wx-openid-7f3a/points")));
        shop.verify(0, anyRequestedFor(urlMatching(".*u-999.*")));
    }

    @Test
    void should_let_the_policy_hand_off_before_any_look_up() {
        order("20251120-8891", SHIPPED);

        say("ivan", "转人工，我的订单 20251120-8891 到哪了");

        assertThat(ticket("ivan").reasons()).contains(HandoffReason.EXPLICIT_REQUEST);
        shop.verify(0, anyRequestedFor(urlMatching(".*")));
    }

    @Test
    void should_not_count_a_look_up_question_as_a_knowledge_miss() {
        order("20251120-8891", SHIPPED);

        say("jane", "你们有学生折扣吗");
        List<String> replies = say("jane", "我的订单 20251120-8891 到哪了");

        assertThat(conversation("jane").state()).as("one miss, then a look-up: no knowledge_miss handoff")
                .isEqualTo(ConversationState.BOT);
        assertThat(replies).containsExactly("订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达。");
    }

    @Test
    void should_show_the_look_up_results_in_the_ticket_and_its_summary() {
        order("20251120-8891", SHIPPED);

        say("kim", "我的订单 20251120-8891 到哪了");
        say("kim", "我要转人工");

        HandoffTicket t = ticket("kim");
        assertThat(t.lookups()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("found");
            assertThat(r.text()).isEqualTo("订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达。");
        });
        assertThat(t.summary()).contains("查询结果：“订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达”。")
                .as("no doubled full stop around a quoted result").doesNotContain("。”。");
    }
}
