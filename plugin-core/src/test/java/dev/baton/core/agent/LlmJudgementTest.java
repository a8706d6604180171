package dev.baton.core.agent;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.Channel;
import dev.baton.core.testing.DeliveredSender;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.config.BotMessages;
import dev.baton.core.engine.EngineBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The same judgement with a model configured (stubbed): small talk never reaches it, an abstention stands. */
class LlmJudgementTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final AgentFixture fx = new AgentFixture();
    private EngineBuilder.Built built;

    @BeforeEach
    void setUp() {
        built = new EngineBuilder(fx.db).knowledge(AgentFixture.SEARCH).sender(new DeliveredSender())
                .agent(store -> LlmAgent.create(AgentFixture.config(wm.baseUrl() + "/v1"), store, AgentFixture.SEARCH,
                        fx.offline, fx.meters, fx.clock))
                .build();
        built.engine().start();
    }

    @AfterEach
    void tearDown() {
        built.close();
        fx.close();
    }

    private List<String> say(String text) {
        InboundMessage m = new InboundMessage(Channel.of("dev"), UUID.randomUUID().toString(), "li", null, null,
                Instant.now(), new InboundContent.Text(text));
        InboundSink.Receipt r = built.engine().accept(List.of(m)).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(15)).stream()
                .map(built.engine()::text).toList();
    }

    @Test
    void should_answer_small_talk_without_calling_the_model() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("Hello there!"))));

        assertThat(say("在吗")).singleElement().asString().isEqualTo(BotMessages.defaults().smallTalk().presence()
                .in("zh"));
        assertThat(say("谢谢")).singleElement().asString().startsWith("不客气");

        wm.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_keep_the_abstention_when_the_model_makes_an_answer_up() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(okJson(OpenAiStub.text("可以的，我们三天内送到火星，免运费。"))));

        assertThat(say("你们能送到火星吗")).singleElement().asString().isEqualTo(fx.offline.notSure("zh"))
                .doesNotContain("火星");
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }
}
