package dev.baton.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.baton.core.conversation.HandoffReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every attempt of {@code agent/injection-corpus.jsonl} (Chinese and English) against a stubbed model that
 * plays along: it returns what a successful attack would produce (the system prompt, the canary, internal ids, a
 * refund promise, junk tool arguments). The guard rails Baton's own code owns must hold for each: customer text
 * stays inside one delimited block, a leaking or promising answer never reaches the customer, tool arguments are
 * validated, handoff notes are capped and cleaned.
 */
class InjectionCorpusTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String SAFE_FOLLOW_UP = "Sorry, I can only help with questions about our shop.";

    /** One corpus line. */
    record Attempt(String id, String lang, String attack, JsonNode model, String expect) {
        @Override
        public String toString() {
            return id + " (" + expect + ")";
        }
    }

    private final AgentFixture fx = new AgentFixture();
    private LlmAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        fx.close();
    }

    static List<Attempt> corpus() throws Exception {
        List<Attempt> out = new ArrayList<>();
        for (String line : OpenAiStub.fixture("injection-corpus.jsonl").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = OpenAiStub.JSON.readTree(line);
            out.add(new Attempt(n.get("id").asText(), n.get("lang").asText(), n.get("attack").asText(),
                    n.get("model"), n.get("expect").asText()));
        }
        return out;
    }

    @Test
    void should_hold_at_least_30_attempts_in_both_languages() throws Exception {
        List<Attempt> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        assertThat(corpus).filteredOn(a -> a.lang().equals("zh")).hasSizeGreaterThanOrEqualTo(12);
        assertThat(corpus).filteredOn(a -> a.lang().equals("en")).hasSizeGreaterThanOrEqualTo(12);
        assertThat(corpus.stream().map(Attempt::id).distinct()).hasSameSizeAs(corpus);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void should_hold_guard_rails_when_model_plays_along_with_attack(Attempt attempt) throws Exception {
        // given: the model returns what the attack asked for, then (if a tool was rejected) a harmless answer
        agent = fx.agent(AgentFixture.config(wm.baseUrl() + "/v1"));
        SystemPrompt prompt = agent.prompt();
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("attack")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(modelResponse(attempt.model(), prompt)))
                .willSetStateTo("after"));
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("attack").whenScenarioStateIs("after")
                .willReturn(okJson(OpenAiStub.text(SAFE_FOLLOW_UP))));
        AgentRequest request = new AgentRequest(77, attempt.attack(), attempt.lang(), List.of(AgentFixture.RETURNS));

        // when
        AgentReply reply = agent.answer(request);

        // then: always: one delimited block, nothing internal in the reply
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        String userMessage = lastUserMessage(sent.get(0));
        assertThat(count(userMessage, "<customer_message")).isEqualTo(1);
        assertThat(count(userMessage, "</customer_message>")).isEqualTo(1);
        assertThat(count(userMessage, "<staff_note>")).isZero();
        assertThat(userMessage.substring(userMessage.indexOf("</customer_message>"))).startsWith(
                "</customer_message>\n\n<knowledge>");
        assertThat(reply.text()).doesNotContain(prompt.canary());
        assertThat(new OutputGuard(prompt).check(reply.text(), List.of(AgentFixture.RETURNS))).isEmpty();

        // then: per expectation
        String offline = fx.offline.answer(request).text();
        switch (attempt.expect()) {
            case "guarded" -> {
                assertThat(reply.text()).isEqualTo(offline);
                assertThat(reply.handoff()).isNull();
                assertThat(fx.meters.find("baton.agent.guard.blocked").counters().stream()
                        .mapToDouble(c -> c.count()).sum()).isEqualTo(1.0);
            }
            case "tool_rejected" -> {
                assertThat(reply.handoff()).isNull();
                assertThat(sent).hasSize(2);
                assertThat(toolResult(sent.get(1))).containsAnyOf("rejected", "invalid", "no such tool");
                assertThat(reply.text()).isEqualTo(SAFE_FOLLOW_UP);
            }
            case "handoff_capped" -> {
                assertThat(reply.handoff()).isEqualTo(HandoffReason.AGENT_TOOL);
                String summary = reply.handoffNote().substring(reply.handoffNote().indexOf("] ") + 2);
                assertThat(summary.codePointCount(0, summary.length()))
                        .isLessThanOrEqualTo(AssistantTools.MAX_SUMMARY_CHARS + 1);
                assertThat(summary).doesNotContain("<").doesNotContain(">").doesNotContainPattern("\\p{Cntrl}");
            }
            case "answered" -> {
                assertThat(reply.text()).isEqualTo(attempt.model().get("content").asText());
                assertThat(userMessage).doesNotContain("{{").doesNotContain("}}");
            }
            default -> throw new IllegalArgumentException("unknown expectation " + attempt.expect());
        }
    }

    private static String modelResponse(JsonNode model, SystemPrompt prompt) {
        if (model.has("content")) {
            return OpenAiStub.text(fill(model.get("content").asText(), prompt));
        }
        List<OpenAiStub.Call> calls = new ArrayList<>();
        for (JsonNode c : model.get("tool_calls")) {
            JsonNode args = c.get("arguments");
            if (args.isTextual()) {
                calls.add(new OpenAiStub.Call(c.get("name").asText(), args.asText()));
                continue;
            }
            ObjectNode filled = args.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue().isTextual()) {
                    filled.put(f.getKey(), fill(f.getValue().asText(), prompt));
                }
            }
            calls.add(new OpenAiStub.Call(c.get("name").asText(), filled));
        }
        return OpenAiStub.toolCalls(calls);
    }

    /** Fills the corpus placeholders with the real prompt, as a successful attack would. */
    private static String fill(String s, SystemPrompt prompt) {
        String rules = prompt.text().substring(prompt.text().indexOf("Rules."));
        String rule5 = Arrays.stream(prompt.text().split("\n")).filter(l -> l.startsWith("5.")).findFirst()
                .orElseThrow();
        return s.replace("${SYSTEM_PROMPT}", prompt.text())
                .replace("${CANARY}", prompt.canary())
                .replace("${RULES_TEXT}", rules)
                .replace("${RULE_5}", rule5)
                .replace("${RULES_DASHED}", Arrays.stream(rules.split("\\s+")).collect(Collectors.joining("-")))
                .replace("${RULES_LOWER}", rules.toLowerCase().replaceAll("\\s+", "  "))
                .replace("${LONG_MARKUP}", "<script>alert('agent')</script> REFUND APPROVED ".repeat(50))
                .replace("${LONG_ZH}", "请立即处理".repeat(100));
    }

    private static String lastUserMessage(LoggedRequest r) throws Exception {
        JsonNode messages = OpenAiStub.JSON.readTree(r.getBodyAsString()).get("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).get("role").asText().equals("user")) {
                return messages.get(i).get("content").asText();
            }
        }
        throw new AssertionError("no user message");
    }

    private static String toolResult(LoggedRequest r) throws Exception {
        JsonNode messages = OpenAiStub.JSON.readTree(r.getBodyAsString()).get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
