package dev.baton.core.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;

import dev.baton.core.resilience.CircuitBreaker;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.knowledge.KnowledgeSearch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class LlmAgentTest {

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

    private LlmConfig cfg() {
        return AgentFixture.config(wm.baseUrl() + "/v1");
    }

    private static void reply(String body) {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(body)));
    }

    private static List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return OpenAiStub.JSON.readTree(r.getBodyAsString());
    }

    /** The text of the last message of a request. */
    private static String lastMessage(LoggedRequest r) throws Exception {
        JsonNode messages = body(r).get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    private java.util.Optional<String> storedMemory(long id) {
        return fx.db.withConnection(c -> fx.store.memory().load(c, String.valueOf(id)));
    }

    @Test
    void should_answer_with_citation_when_model_cites_injected_knowledge() throws Exception {
        // given
        reply(OpenAiStub.fixture("openai/answer-deepseek.json"));
        agent = fx.agent(cfg());

        // when
        AgentReply r = agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        // then
        assertThat(r.handoff()).isNull();
        assertThat(r.text()).contains("7 天内").doesNotContain("[1]")
                .endsWith("来源：怎么退货？").doesNotContain("faq/returns.md");
        assertThat(r.citation()).isEqualTo("faq/returns.md › 怎么退货？"); // internal, for the inbox
        assertThat(r.knowledgeMiss()).isFalse();
        assertThat(r.llmCalls()).isEqualTo(1);
        assertThat(r.tokens()).isEqualTo(650);
        LoggedRequest sent = requests().get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer test-key");
        JsonNode json = body(sent);
        assertThat(json.get("model").asText()).isEqualTo("deepseek-chat");
        assertThat(json.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(json.get("tools")).hasSize(2);
        assertThat(json.toString()).doesNotContain("memoryId").doesNotContain("conversationId");
        assertThat(json.get("tools").get(0).get("function").get("parameters").get("properties").fieldNames())
                .toIterable().containsExactly("reason", "summary");
        String user = lastMessage(sent);
        assertThat(user).startsWith("<customer_message lang=\"zh\">\n怎么退货？\n</customer_message>")
                .contains("<knowledge>\n[1] 怎么退货？\n签收后 7 天内可申请无理由退货。")
                .contains("(source: 怎么退货？)")
                .doesNotContain("faq/returns.md");
    }

    @Test
    void should_use_http_1_1_when_calling_the_model() {
        reply(OpenAiStub.text("ok [1]"));
        agent = fx.agent(cfg());

        agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        assertThat(requests().get(0).getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(requests().get(0).getHeader("Upgrade")).isNull();
    }

    @Test
    void should_flag_knowledge_miss_when_model_cites_nothing_and_knowledge_is_weak() {
        reply(OpenAiStub.text("I'm not sure about that. Would you like me to connect a colleague?"));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "Do you sell gift cards?", AgentFixture.UNRELATED));

        assertThat(r.knowledgeMiss()).isTrue();
        assertThat(r.citation()).isNull();
        // the knowledge abstained: the customer gets the configured honest reply, whatever the model wrote
        assertThat(r.text()).isEqualTo(fx.offline.notSure("en"));
    }

    @Test
    void should_not_let_the_model_turn_an_abstention_into_a_made_up_answer() {
        reply(OpenAiStub.text("Yes, we ship to Mars within 3 days, free of charge."));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "Do you ship to Mars?", AgentFixture.UNRELATED));

        assertThat(r.text()).isEqualTo(fx.offline.notSure("en")).doesNotContain("Mars");
        assertThat(r.knowledgeMiss()).isTrue();
        assertThat(r.handoff()).isNull();
        assertThat(r.llmCalls()).isEqualTo(1);
    }

    @Test
    void should_tell_the_model_what_the_knowledge_never_mentions_so_that_it_does_not_answer_yes() throws Exception {
        reply(OpenAiStub.text("I have no information about Mars. We ship to Hong Kong and 40 countries [1]."));
        agent = fx.agent(cfg());
        KnowledgeAnswer shipping = new KnowledgeAnswer("faq/shipping.md#intl", "Do you ship internationally?",
                "Yes. We ship to Hong Kong and 40 countries.", "faq/shipping.md › Do you ship internationally?", 0.9,
                true, "Do you ship internationally?", "", java.util.List.of("Mars"));

        AgentReply r = agent.answer(fx.ask(1, "Do you ship to Mars?", shipping));

        assertThat(lastMessage(requests().get(0))).contains("(the knowledge never mentions Mars: do not say yes or "
                + "no about it; say you have no information on it");
        assertThat(r.text()).startsWith("I have no information about Mars.");
    }

    @Test
    void should_not_accept_an_answer_that_cites_only_a_low_relevance_entry() {
        reply(OpenAiStub.text("我们的客服时间为每天 9:00–21:00 [1]，火星也可以送。"));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "能送到火星吗？", AgentFixture.UNRELATED));

        assertThat(r.text()).isEqualTo(fx.offline.notSure("zh"));
        assertThat(r.citation()).isNull();
        assertThat(r.knowledgeMiss()).isTrue();
    }

    @Test
    void should_let_the_model_phrase_an_answer_the_knowledge_backs() {
        reply(OpenAiStub.text("Sure: returns are accepted within 7 days of delivery [1]."));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "can I send it back?", AgentFixture.RETURNS));

        assertThat(r.text()).startsWith("Sure: returns are accepted within 7 days");
        assertThat(r.knowledgeMiss()).isFalse();
    }

    @Test
    void should_hand_off_in_one_call_when_model_calls_handoff_tool() {
        // given
        reply(OpenAiStub.toolCall("handoffToHuman",
                Map.of("reason", "customer_request", "summary", "客户想退货但超过 7 天，要求人工处理")));
        agent = fx.agent(cfg());

        // when
        AgentReply r = agent.answer(fx.ask(1, "超过7天了还能退吗？我要找人工", AgentFixture.RETURNS));

        // then
        assertThat(r.handoff()).isEqualTo(HandoffReason.AGENT_TOOL);
        assertThat(r.handoffNote()).isEqualTo("[customer_request] 客户想退货但超过 7 天，要求人工处理");
        assertThat(r.text()).isEmpty();
        assertThat(r.llmCalls()).isEqualTo(1);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void should_search_then_answer_when_model_calls_search_tool() throws Exception {
        // given: the model searches for shipping, then answers citing the found entry [2]
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("search").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(OpenAiStub.toolCall("searchKnowledge", Map.of("query", "运费多少")))).willSetStateTo("searched"));
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("search").whenScenarioStateIs("searched")
                .willReturn(okJson(OpenAiStub.text("满 99 元包邮，否则运费 10 元 [2]。", 300, 30))));
        agent = fx.agent(cfg());

        // when
        AgentReply r = agent.answer(fx.ask(7, "退货的话运费谁出？", AgentFixture.RETURNS));

        // then
        assertThat(r.llmCalls()).isEqualTo(2);
        assertThat(r.tokens()).isEqualTo(120 + 330);
        assertThat(r.citation()).isEqualTo("faq/shipping.md › 运费多少？");
        assertThat(r.text()).contains("10 元").endsWith("来源：运费多少？");
        JsonNode second = body(requests().get(1)).get("messages");
        assertThat(second.toString()).contains("[2] 运费多少？").contains("<knowledge>\\n[1] 怎么退货？");
        // retrieved text is not kept in memory: neither the injected block nor the search result
        String memory = storedMemory(7).orElseThrow();
        assertThat(memory).contains("退货的话运费谁出").doesNotContain("签收后 7 天内")
                .doesNotContain("订单满 99 元包邮").contains("(source: 运费多少？)");
    }

    @Test
    void should_reject_handoff_and_tell_model_when_reason_is_not_allowed() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("junk").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(OpenAiStub.toolCall("handoffToHuman",
                        Map.of("reason", "DROP TABLE tickets", "summary", "x")))).willSetStateTo("rejected"));
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("junk").whenScenarioStateIs("rejected")
                .willReturn(okJson(OpenAiStub.text("签收后 7 天内可申请无理由退货 [1]。"))));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        assertThat(r.handoff()).isNull();
        assertThat(r.llmCalls()).isEqualTo(2);
        assertThat(lastMessage(requests().get(1))).startsWith("rejected: invalid reason; use one of: customer_request");
    }

    @Test
    void should_answer_offline_when_model_returns_500() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)
                .withBody("upstream exploded")));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        assertThat(r.handoff()).isNull();
        assertThat(r.text()).isEqualTo(fx.offline.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS)).text());
        assertThat(r.llmCalls()).isEqualTo(1);
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "error").count()).isEqualTo(1);
    }

    @Test
    void should_hand_off_llm_unavailable_when_rate_limited_and_knowledge_is_weak() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(OpenAiStub.fixture("openai/rate-limited.json"))));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "Can I pay with crypto?", AgentFixture.UNRELATED));

        assertThat(r.handoff()).isEqualTo(HandoffReason.LLM_UNAVAILABLE);
        assertThat(r.handoffNote()).contains("unavailable");
        assertThat(r.knowledgeMiss()).isTrue();
    }

    @Test
    void should_answer_offline_when_body_is_malformed() {
        reply(OpenAiStub.fixture("openai/malformed.json"));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        assertThat(r.handoff()).isNull();
        assertThat(r.citation()).isEqualTo(AgentFixture.RETURNS.citation());
        assertThat(r.text()).contains("签收后 7 天内可申请无理由退货。");
    }

    @Test
    void should_answer_offline_when_model_returns_no_content() {
        reply(OpenAiStub.text(""));
        agent = fx.agent(cfg());

        AgentReply r = agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        assertThat(r.text()).contains("签收后 7 天内");
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "empty").count()).isEqualTo(1);
    }

    @Test
    void should_answer_offline_when_http_read_times_out() {
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("late"))
                .withFixedDelay(1500)));
        agent = fx.agent(cfg().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)));

        AgentReply r = agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));

        assertThat(r.text()).contains("签收后 7 天内");
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "error").count()).isEqualTo(1);
    }

    @Test
    void should_reply_within_deadline_when_model_is_slower_than_deadline() {
        // given: HTTP would wait 10s, the customer-facing deadline is 400ms
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("late"))
                .withFixedDelay(3000)));
        agent = fx.agent(cfg().withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(400)));

        // when
        long start = System.nanoTime();
        AgentReply r = agent.answer(fx.ask(1, "Can I pay with crypto?", AgentFixture.UNRELATED));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(r.handoff()).isEqualTo(HandoffReason.LLM_UNAVAILABLE);
        assertThat(took).isLessThan(Duration.ofMillis(2500));
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "deadline").count()).isEqualTo(1);
    }

    @Test
    void should_answer_offline_without_calling_when_previous_call_of_conversation_still_runs() throws Exception {
        // given: a first turn whose model call is in flight (the stub has received it and is still answering)
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("late"))
                .withFixedDelay(3000)));
        agent = fx.agent(cfg().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(8)));
        // (a text of this test only: an earlier test's slow call may still reach the stub's journal after its reset)
        String question = "怎么退货？第二次问";
        java.util.concurrent.CompletableFuture<AgentReply> first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> agent.answer(fx.ask(1, question, AgentFixture.RETURNS)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                        .withRequestBody(containing("第二次问"))).size() == 1);

        // when: the same conversation asks again
        AgentReply r = agent.answer(fx.ask(1, question, AgentFixture.RETURNS));

        // then: answered offline at once, no second concurrent call for one conversation
        assertThat(r.llmCalls()).isZero();
        assertThat(r.text()).contains("签收后 7 天内");
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "busy").count()).isEqualTo(1);
        assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).llmCalls()).isEqualTo(1);
    }

    @Test
    void should_stop_at_the_channel_deadline_when_it_is_shorter_than_the_configured_one() {
        // given: the model takes 3 s, llm.deadline is 8 s, the channel allows 400 ms (WeChat passive mode)
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(OpenAiStub.text("late"))
                .withFixedDelay(3000)));
        agent = fx.agent(cfg().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(8)));
        AgentRequest ask = fx.ask(1, "怎么退货？", AgentFixture.RETURNS);

        // when
        long start = System.nanoTime();
        AgentReply r = agent.answer(new AgentRequest(ask.conversationId(), ask.text(), ask.language(),
                ask.knowledge(), Duration.ofMillis(400)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then: the offline answer, well before the model would have answered
        assertThat(r.text()).contains("签收后 7 天内");
        assertThat(took).isLessThan(Duration.ofMillis(2500));
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "deadline").count()).isEqualTo(1);
    }

    @Test
    void should_ask_the_model_for_the_next_turn_when_the_previous_call_was_abandoned_at_its_deadline() {
        // given: the first turn's model asks for a knowledge search that, like a Lucene search, does not stop when
        // interrupted, and is still running when the turn's 2 s deadline passes; the next question is answered at once
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(notContaining("第二问"))
                .willReturn(okJson(OpenAiStub.toolCall("searchKnowledge", Map.of("query", "加密货币")))));
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("第二问"))
                .willReturn(okJson(OpenAiStub.text("可以用支付宝付款。"))));
        CountDownLatch searchDone = new CountDownLatch(1);
        KnowledgeSearch slowSearch = (query, k) -> {
            awaitThroughInterrupts(searchDone);
            return List.of(AgentFixture.UNRELATED);
        };
        agent = fx.agent(cfg().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2)), slowSearch);
        AgentReply first = agent.answer(fx.ask(1, "第一问：能用加密货币付款吗？", AgentFixture.UNRELATED));
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "deadline").count()).isEqualTo(1);

        // when: the same conversation asks again at once; the abandoned turn's search ends 300 ms later
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(searchDone::countDown);
        // (with a confident entry shown: an answer without any confident knowledge would not be sent as it is)
        AgentReply next = agent.answer(fx.ask(1, "第二问：那支付宝呢？", AgentFixture.SHIPPING));

        // then: the model answers it; the slow turn before does not make it fall back and hand off
        assertThat(first.handoff()).isEqualTo(HandoffReason.LLM_UNAVAILABLE);
        assertThat(next.handoff()).isNull();
        assertThat(next.text()).isEqualTo("可以用支付宝付款。");
        assertThat(next.llmCalls()).isEqualTo(1);
        assertThat(fx.meters.counter("baton.agent.fallbacks", "reason", "busy").count()).isZero();
    }

    /** Waits for {@code latch} whatever interrupts come (then restores the interrupt flag). */
    private static void awaitThroughInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void should_open_circuit_after_consecutive_failures_and_close_after_successful_trial() {
        // given: two failures open the breaker for 30s
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        agent = fx.agent(cfg().withCircuitBreaker(new LlmConfig.CircuitBreakerConfig(2, Duration.ofSeconds(30))));
        agent.answer(fx.ask(1, "怎么退货？", AgentFixture.RETURNS));
        agent.answer(fx.ask(2, "怎么退货？", AgentFixture.RETURNS));
        assertThat(agent.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        // when: open → answered offline without a request
        AgentReply whileOpen = agent.answer(fx.ask(3, "怎么退货？", AgentFixture.RETURNS));

        // then
        assertThat(requests()).hasSize(2);
        assertThat(whileOpen.llmCalls()).isZero();
        assertThat(whileOpen.text()).contains("签收后 7 天内");
        assertThat(fx.meters.get("baton.llm.circuit.open").gauge().value()).isEqualTo(1.0);

        // when: 30s later the model is back; one trial call closes the breaker
        fx.clock.advance(Duration.ofSeconds(31));
        wm.resetAll();
        reply(OpenAiStub.text("签收后 7 天内可以退货 [1]"));
        AgentReply trial = agent.answer(fx.ask(4, "怎么退货？", AgentFixture.RETURNS));

        assertThat(trial.llmCalls()).isEqualTo(1);
        assertThat(agent.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_remember_earlier_turns_when_agent_restarts_over_same_database() throws Exception {
        // given: a first turn with one agent
        reply(OpenAiStub.text("签收后 7 天内可申请无理由退货 [1]。"));
        agent = fx.agent(cfg());
        agent.answer(fx.ask(42, "怎么退货？", AgentFixture.RETURNS));
        agent.close();

        // when: a new agent (a restart) over the same database answers the next turn
        wm.resetRequests();
        agent = fx.agent(cfg());
        agent.answer(fx.ask(42, "那运费呢？", AgentFixture.SHIPPING));

        // then: the request carries the first exchange, but not the first turn's knowledge
        JsonNode messages = body(requests().get(0)).get("messages");
        assertThat(messages).hasSize(4); // system, user 1, assistant 1, user 2
        assertThat(messages.get(1).get("content").asText()).isEqualTo(
                "<customer_message lang=\"zh\">\n怎么退货？\n</customer_message>");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("签收后 7 天内可申请无理由退货 [1]。");
        assertThat(messages.get(3).get("content").asText()).contains("那运费呢？").contains("[1] 运费多少？");
    }

    @Test
    void should_repair_dangling_tool_call_when_memory_was_saved_mid_turn() throws Exception {
        // given: memory saved after the model asked for a tool but before the result (a crash)
        reply(OpenAiStub.text("好的 [1]"));
        var store = new JdbcChatMemoryStore(fx.store, fx.clock);
        store.updateMessages(5L, List.of(
                dev.langchain4j.data.message.UserMessage.from("<customer_message lang=\"zh\">\n运费？\n</customer_message>"),
                dev.langchain4j.data.message.AiMessage.from(List.of(dev.langchain4j.agent.tool.ToolExecutionRequest
                        .builder().id("call_9").name("searchKnowledge").arguments("{\"query\":\"运费\"}").build()))));
        agent = fx.agent(cfg());

        // when
        AgentReply r = agent.answer(fx.ask(5, "怎么退货？", AgentFixture.RETURNS));

        // then: the request is valid OpenAI: the tool call is answered before the next user message
        assertThat(r.llmCalls()).isEqualTo(1);
        JsonNode messages = body(requests().get(0)).get("messages");
        assertThat(messages.get(2).get("tool_calls").get(0).get("id").asText()).isEqualTo("call_9");
        assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_9");
        assertThat(messages.get(3).get("content").asText()).isEqualTo(JdbcChatMemoryStore.INTERRUPTED);
        assertThat(messages.get(4).get("role").asText()).isEqualTo("user");
    }

    @Test
    void should_count_tokens_per_turn_and_per_conversation() {
        reply(OpenAiStub.text("签收后 7 天内可以退货 [1]", 500, 40));
        agent = fx.agent(cfg());

        AgentReply first = agent.answer(fx.ask(9, "怎么退货？", AgentFixture.RETURNS));
        AgentReply second = agent.answer(fx.ask(9, "还有别的要求吗？", AgentFixture.RETURNS));
        agent.answer(fx.ask(10, "怎么退货？", AgentFixture.RETURNS));

        assertThat(first.tokens()).isEqualTo(540);
        assertThat(second.tokens()).isEqualTo(540);
        assertThat(agent.tokensUsed(9)).isEqualTo(1080);
        assertThat(agent.tokensUsed(10)).isEqualTo(540);
        assertThat(fx.meters.counter("baton.llm.tokens", "type", "input").count()).isEqualTo(1500);
        assertThat(fx.meters.counter("baton.llm.tokens", "type", "output").count()).isEqualTo(120);
        assertThat(fx.meters.counter("baton.llm.calls").count()).isEqualTo(3);
    }

    @Test
    void should_put_staff_note_in_memory_when_a_human_handled_turns() throws Exception {
        reply(OpenAiStub.text("好的 [1]"));
        agent = fx.agent(cfg());
        agent.answer(fx.ask(3, "怎么退货？", AgentFixture.RETURNS));

        agent.humanHandled(3, "refund approved by <b>Li</b>");
        wm.resetRequests();
        agent.answer(fx.ask(3, "谢谢，那多久到账？", AgentFixture.RETURNS));

        JsonNode messages = body(requests().get(0)).get("messages");
        String note = messages.get(3).get("content").asText();
        assertThat(note).startsWith("<staff_note>\nA human colleague served the customer")
                .contains("refund approved by &lt;b&gt;Li&lt;/b&gt;");
    }

    @Test
    void should_delete_memory_when_conversation_is_evicted() {
        reply(OpenAiStub.text("好的 [1]"));
        agent = fx.agent(cfg());
        agent.answer(fx.ask(11, "怎么退货？", AgentFixture.RETURNS));
        assertThat(storedMemory(11)).isPresent();

        agent.evict(11);

        assertThat(storedMemory(11)).isEmpty();
        assertThat(agent.tokensUsed(11)).isZero();
    }

    @Test
    void should_send_no_authorization_header_when_api_key_is_blank() {
        reply(OpenAiStub.text("ok"));
        agent = fx.agent(new LlmConfig(cfg().baseUrl(), "", "qwen2.5:7b", null, 0, null, null, null, null, null,
                null, null, null, null));

        agent.answer(fx.ask(1, "hello"));

        assertThat(requests().get(0).containsHeader("Authorization")).isFalse();
        wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.model", equalTo("qwen2.5:7b"))));
    }
}
