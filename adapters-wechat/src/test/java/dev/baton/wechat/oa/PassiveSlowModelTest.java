package dev.baton.wechat.oa;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.agent.LlmAgent;
import dev.baton.core.agent.OfflineAgent;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.config.BotMessages;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.TicketRepository;
import dev.baton.wechat.Fixtures;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.wechat.crypto.WxSignature;
import dev.baton.wechat.xml.SafeXml;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passive mode with a model slower than WeChat's patience, through the real engine and LLM agent: WeChat's rhythm is
 * scaled down (each delivery waits 2 s, WeChat gives up after 2.4 s, three deliveries; the fallback then has 1 s, where
 * WeChat's own rhythm leaves it 2.4 s) and the model takes 10 s where a real one took 30 s. The customer must get a useful answer in the response to one of WeChat's deliveries, and the
 * slow call must not spoil their next message.
 */
class PassiveSlowModelTest {

    static final String TOKEN = "AAAAA";
    static final PassiveTiming SCALED_DOWN = new PassiveTiming(Duration.ofSeconds(2), Duration.ofMillis(2400), 3);
    static final String STILL_WORKING = "正在为您查询，请稍候再发一条消息获取答复。";
    static final KnowledgeAnswer RETURNS = new KnowledgeAnswer("faq/returns.md#how", "退货要多久？",
            "签收后 7 天内可申请无理由退货，退款 3 个工作日内到账。", "faq/returns.md › 退货要多久？", 0.9, true);
    static final KnowledgeAnswer UNSURE = new KnowledgeAnswer("faq/misc.md#hours", "营业时间", "客服时间为每天 9:00–21:00。",
            "faq/misc.md › 营业时间", 0.1, false);
    static final KnowledgeAnswer SHIPPING = new KnowledgeAnswer("faq/shipping.md#fee", "运费多少？",
            "订单满 99 元包邮，不满收取运费 10 元。", "faq/shipping.md › 运费多少？", 0.85, true);
    // the model's answer to the shipping question stands on a confident entry (an answer without one is not sent)
    static final KnowledgeSearch SHOP = (q, k) -> q.contains("退货") ? List.of(RETURNS)
            : q.contains("运费") ? List.of(SHIPPING) : List.of(UNSURE);

    @RegisterExtension
    static WireMockExtension llm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final Clock clock = Clock.systemUTC();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Database db;
    private EngineBuilder.Built engine;
    private LlmAgent agent;
    private ChannelAdapter wechat;

    @BeforeEach
    void start() {
        // the slow model for the returns question; the next question is answered at once
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(notContaining("运费"))
                .willReturn(okJson(Fixtures.resource("llm/completion_late.json")).withFixedDelay(10_000)));
        llm.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("运费"))
                .willReturn(okJson(Fixtures.resource("llm/completion_shipping.json"))));

        WeChatConfig config = new WeChatConfig("wx5823bf96d3bd56c7", null, TOKEN, null, ReplyMode.PASSIVE, null,
                false, null, null, STILL_WORKING, SCALED_DOWN.answerWait(), false, null);
        OfficialAccount module = OfficialAccount.create(config, new ChannelContext(clock, KeyValueStore.inMemory(),
                background, new SimpleMeterRegistry()), new OkHttpClient(), SCALED_DOWN);
        wechat = module.adapter();

        db = Database.open("jdbc:h2:mem:wechat-passive-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        BotMessages messages = BotMessages.defaults();
        LlmConfig llmConfig = LlmConfig.of(URI.create(llm.baseUrl() + "/v1"), "test-key", "deepseek-chat")
                .withMaxRetries(0); // llm.deadline stays at its 25 s default: the channel caps it
        EngineBuilder builder = new EngineBuilder(db).knowledge(SHOP).clock(clock).agent(store -> {
            agent = LlmAgent.create(llmConfig, store, SHOP, new OfflineAgent(messages.notSure(),
                    messages.sourceLabel()), new SimpleMeterRegistry(), clock);
            return agent;
        });
        builder.sender(module.sender());
        engine = builder.build();
        engine.engine().start();
    }

    @AfterEach
    void stop() {
        engine.close();
        agent.close();
        db.close();
        background.shutdownNow();
    }

    /** A plain-mode push signed now, as WeChat sends it (each retry of one message carries the same body). */
    private static WebhookRequest push(String xml) {
        String ts = String.valueOf(Clock.systemUTC().instant().getEpochSecond());
        String nonce = "486452656";
        return Fixtures.post("/webhooks/wechat", Fixtures.query("signature", WxSignature.compute(TOKEN, ts, nonce),
                "timestamp", ts, "nonce", nonce), xml);
    }

    /** Delivers a message the way WeChat does: again after each response that did not carry an answer. */
    private List<WebhookResponse> deliverLikeWeChat(String xml) {
        List<WebhookResponse> responses = new ArrayList<>();
        WebhookRequest request = push(xml);
        for (int i = 0; i < SCALED_DOWN.deliveries(); i++) {
            WebhookResponse r = wechat.handle(request, engine.engine());
            responses.add(r);
            if (!"success".equals(r.bodyAsString())) {
                break;
            }
        }
        return responses;
    }

    private static String content(WebhookResponse r) throws Exception {
        return SafeXml.text(SafeXml.read(r.bodyAsString()), "Content").orElse("");
    }

    @Test
    void should_answer_within_wechats_deliveries_and_let_the_model_answer_the_next_message() throws Exception {
        List<WebhookResponse> first = deliverLikeWeChat(Fixtures.resource("wechat/text.xml"));

        WebhookResponse answered = first.get(first.size() - 1);
        assertThat(answered.status()).isEqualTo(200);
        assertThat(content(answered)).as("the offline knowledge answer, not the still-working text")
                .startsWith("签收后 7 天内可申请无理由退货").doesNotContain(STILL_WORKING);

        List<WebhookResponse> next = deliverLikeWeChat(Fixtures.resource("wechat/text_shipping.xml"));

        assertThat(next).hasSize(1);
        assertThat(content(next.get(0))).isEqualTo("运费 10 元，订单满 99 元包邮。");
        List<TicketRepository.Row> tickets = engine.store().db().withConnection(c -> engine.store().tickets().active(c));
        assertThat(tickets).as("no handoff").isEmpty();
    }
}
