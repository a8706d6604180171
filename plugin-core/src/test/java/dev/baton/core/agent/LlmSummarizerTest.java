package dev.baton.core.agent;

import dev.baton.core.resilience.CircuitBreaker;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.ExtractiveSummarizer;
import dev.baton.core.conversation.HandoffReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class LlmSummarizerTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final List<Message> TRANSCRIPT = List.of(
            line(Author.CUSTOMER, "我买的耳机坏了，想退货"),
            line(Author.BOT, "签收后 7 天内可申请无理由退货。"),
            line(Author.CUSTOMER, "已经过了10天了，你们这什么破服务！我要找人工"));
    private static final List<HandoffReason> REASONS = List.of(HandoffReason.EXPLICIT_REQUEST,
            HandoffReason.NEGATIVE_SENTIMENT);

    private final ExecutorService executor = LlmModels.boundedExecutor("test-summary", 2, 2);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExtractiveSummarizer extractive = new ExtractiveSummarizer();

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private LlmSummarizer summarizer(LlmConfig cfg) {
        return new LlmSummarizer(cfg, LlmModels.chatModel(cfg), new CircuitBreaker(cfg.circuitBreaker(),
                Clock.systemUTC()), executor, extractive, meters);
    }

    private static LlmConfig cfg() {
        return AgentFixture.config(wm.baseUrl() + "/v1");
    }

    private static Message line(Author author, String text) {
        return new Message(0, 1, null, author, null, text, null, null, Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static String summaryJson(Map<String, Object> fields) throws Exception {
        return OpenAiStub.text(OpenAiStub.JSON.writeValueAsString(fields));
    }

    @Test
    void should_write_what_the_customer_wants_now_as_sentences_in_the_agents_language() throws Exception {
        // given
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(summaryJson(Map.of(
                "wants_now", "客户想退掉已签收 10 天的坏耳机",
                "tried", "机器人说明了 7 天无理由退货政策。",
                "customer_state", "很不满，要求人工",
                "open_questions", List.of("是否属于质量问题可走保修", "是否有购买凭证。"))))));

        // when
        String summary = summarizer(cfg()).summarize(TRANSCRIPT, REASONS, "zh");

        // then
        assertThat(summary).isEqualTo("客户想退掉已签收 10 天的坏耳机。机器人说明了 7 天无理由退货政策。很不满，要求人工。"
                + "还需确认：是否属于质量问题可走保修；是否有购买凭证。");
        JsonNode sent = OpenAiStub.JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .get(0).getBodyAsString());
        assertThat(sent.get("response_format").get("type").asText()).isEqualTo("json_object");
        String instructions = sent.get("messages").get(0).get("content").asText();
        assertThat(instructions).contains("Simplified Chinese").contains("\"wants_now\"")
                .contains("what the customer wants now, from their latest messages; not their first question");
        assertThat(sent.get("messages").get(1).get("content").asText())
                .contains("[customer] 我买的耳机坏了，想退货")
                .contains("<notes>" + extractive.summarize(TRANSCRIPT, REASONS, "zh") + "</notes>")
                .contains("Handed off because: 客户要求人工, 情绪激动")
                .doesNotContain("explicit_request");
        assertThat(sent.has("tools")).isFalse();
    }

    @Test
    void should_write_in_the_agents_language_when_the_customer_writes_another() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(summaryJson(Map.of(
                "wants_now", "They want to return headphones delivered 10 days ago",
                "tried", "The bot quoted the 7-day return policy",
                "customer_state", "Angry and asking for a person", "open_questions", "Warranty claim?")))));
        LlmSummarizer forEnglishDesk = new LlmSummarizer(cfg(), LlmModels.chatModel(cfg()),
                new CircuitBreaker(cfg().circuitBreaker(), Clock.systemUTC()), executor, new ExtractiveSummarizer("en"),
                meters);

        String summary = forEnglishDesk.summarize(TRANSCRIPT, REASONS, "zh");

        assertThat(summary).isEqualTo("They want to return headphones delivered 10 days ago. The bot quoted the 7-day "
                + "return policy. Angry and asking for a person. Still open: Warranty claim?");
        assertThat(forEnglishDesk.writesIn("zh")).isEqualTo("en");
        JsonNode sent = OpenAiStub.JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .get(0).getBodyAsString());
        assertThat(sent.get("messages").get(0).get("content").asText()).contains("full sentences in English");
        assertThat(sent.get("messages").get(1).get("content").asText())
                .contains("Handed off because: asked for a person, upset");
    }

    @Test
    void should_fall_back_to_extractive_when_model_json_is_malformed() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("问题是：耳机坏了"))));

        String summary = summarizer(cfg()).summarize(TRANSCRIPT, REASONS, "zh");

        assertThat(summary).isEqualTo(extractive.summarize(TRANSCRIPT, REASONS, "zh"));
        assertThat(meters.counter("baton.handoff.summaries", "kind", "offline").count()).isEqualTo(1);
    }

    @Test
    void should_fall_back_to_extractive_when_model_fails() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));

        String summary = summarizer(cfg()).summarize(TRANSCRIPT, REASONS, "zh");

        assertThat(summary).isEqualTo(extractive.summarize(TRANSCRIPT, REASONS, "zh"));
    }

    @Test
    void should_fall_back_to_extractive_within_budget_when_model_is_slow() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("{}"))
                .withFixedDelay(3000)));
        LlmSummarizer s = summarizer(cfg().withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300)));

        long start = System.nanoTime();
        String summary = s.summarize(TRANSCRIPT, REASONS, "en");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(summary).isEqualTo(extractive.summarize(TRANSCRIPT, REASONS, "en"));
    }

    @Test
    void should_skip_model_when_circuit_is_open() {
        // its own path: the slow-model test's request is journaled only when its 3 s reply ends, after that test
        LlmConfig cfg = AgentFixture.config(wm.baseUrl() + "/circuit/v1")
                .withCircuitBreaker(new LlmConfig.CircuitBreakerConfig(1, Duration.ofMinutes(1)));
        CircuitBreaker breaker = new CircuitBreaker(cfg.circuitBreaker(), Clock.systemUTC());
        breaker.onFailure();
        LlmSummarizer s = new LlmSummarizer(cfg, LlmModels.chatModel(cfg), breaker, executor, extractive, meters);

        String summary = s.summarize(TRANSCRIPT, REASONS, "zh");

        assertThat(summary).isEqualTo(extractive.summarize(TRANSCRIPT, REASONS, "zh"));
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/circuit/v1/chat/completions")))).isEmpty();
    }
}
