package dev.baton.wechat.oa;

import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.Database;
import dev.baton.wechat.Fixtures;
import dev.baton.wechat.config.ReplyMode;
import dev.baton.wechat.config.WeChatConfig;
import dev.baton.wechat.xml.SafeXml;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code transfer-to-wechat-kf: true} through the real engine: a tap on the human menu is transferred to WeChat's own
 * 客服 system only when Baton's handoff policy hands the conversation off. The adapter reports the tap; the policy's
 * button rule decides.
 */
class HumanMenuTransferTest {

    static final String TOKEN = "AAAAA";
    /** The signed fixture's time; the adapter's clock stands there, the engine runs on the real clock. */
    static final Clock PUSH_TIME = Clock.fixed(Instant.ofEpochSecond(1714037059), ZoneOffset.UTC);
    static final PassiveTiming TIMING = new PassiveTiming(Duration.ofSeconds(3), Duration.ofMillis(3500), 3);
    static final KnowledgeSearch NOTHING = (q, k) -> List.of();

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Database db;
    private EngineBuilder.Built engine;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:wechat-transfer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        db.close();
        background.shutdownNow();
    }

    private OfficialAccountAdapter wechat(ReplyMode mode, boolean buttonRule) {
        WeChatConfig config = new WeChatConfig("wx5823bf96d3bd56c7", "secret", TOKEN, null, mode, null, false, null,
                null, null, TIMING.answerWait(), true, null);
        OfficialAccount oa = OfficialAccount.create(config, new ChannelContext(PUSH_TIME, KeyValueStore.inMemory(),
                background, new SimpleMeterRegistry()), new OkHttpClient(), TIMING);
        HandoffConfig handoff = HandoffConfig.defaults();
        handoff = new HandoffConfig(handoff.keywords(), handoff.defaultGroup(), handoff.explicitRequest(),
                new HandoffConfig.Rule(buttonRule, null, null), handoff.negativeSentiment(), handoff.complaint(),
                handoff.repeatedQuestion(), handoff.knowledgeMiss(), handoff.turnLimit(), handoff.sensitiveIntent(),
                handoff.vip(), handoff.agentTool(), handoff.llmUnavailable(), handoff.unsupportedMedia());
        engine = new EngineBuilder(db).knowledge(NOTHING).policy(new HandoffPolicy(handoff)).sender(oa.sender())
                .build();
        engine.engine().start();
        return oa.adapter();
    }

    private String tapHuman(OfficialAccountAdapter adapter) {
        return adapter.handle(Fixtures.plainPush(TOKEN, Fixtures.resource("wechat/event_click_human.xml")),
                engine.engine()).bodyAsString();
    }

    private String state() {
        return db.withConnection(c -> engine.store().conversations().byCustomer(c, 1L)).orElseThrow().state().name();
    }

    @ParameterizedTest
    @EnumSource(ReplyMode.class)
    void should_transfer_to_wechats_customer_service_when_the_policy_hands_off_on_the_button(ReplyMode mode)
            throws Exception {
        String answer = tapHuman(wechat(mode, true));

        assertThat(SafeXml.text(SafeXml.read(answer), "MsgType")).contains("transfer_customer_service");
        assertThat(state()).isEqualTo("QUEUED");
    }

    @ParameterizedTest
    @EnumSource(ReplyMode.class)
    void should_not_transfer_when_the_policy_button_rule_is_disabled(ReplyMode mode) throws Exception {
        String answer = tapHuman(wechat(mode, false));

        assertThat(answer).doesNotContain("transfer_customer_service");
        if (mode == ReplyMode.ASYNC) {
            assertThat(answer).isEqualTo("success");
        } else {
            assertThat(SafeXml.text(SafeXml.read(answer), "MsgType")).as("the bot's own answer").contains("text");
        }
        assertThat(state()).isEqualTo("BOT");
    }
}
