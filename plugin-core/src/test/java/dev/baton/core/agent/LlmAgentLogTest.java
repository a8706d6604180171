package dev.baton.core.agent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.config.LlmConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's own log line about a failed model call keeps the provider's message but not the API key that the
 * provider (or a proxy in between) echoes in it, whatever logging the host has set up.
 */
class LlmAgentLogTest {

    private static final String KEY = "sk-echo-0a1b2c3d4e5f6a7b8c9d";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final AgentFixture fx = new AgentFixture();
    private LlmAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        fx.close();
    }

    @Test
    void should_log_the_provider_error_without_the_api_key_it_echoes() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
        LlmConfig cfg = LlmConfig.of(URI.create(wm.baseUrl() + "/v1"), KEY, "deepseek-chat")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(6)).withMaxRetries(0);
        agent = fx.agent(cfg);
        Logger log = (Logger) LoggerFactory.getLogger(LlmAgent.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        log.addAppender(logs);
        try {
            agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));
        } finally {
            log.detachAppender(logs);
        }

        String all = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(all).contains("model call failed").contains("Incorrect API key provided: ***");
        assertThat(all).doesNotContain(KEY).doesNotContain(KEY.substring(0, 12));
    }
}
