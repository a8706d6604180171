package dev.baton.tools.agent;

import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.baton.core.agent.AgentReply;
import dev.baton.core.agent.AgentRequest;
import dev.baton.core.agent.LlmAgent;
import dev.baton.core.agent.LlmSummarizer;
import dev.baton.core.agent.OfflineAgent;
import dev.baton.core.config.BotMessages;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.conversation.Author;
import dev.baton.core.engine.KeywordDecider;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.ExtractiveSummarizer;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * LLM calls and prompt tokens per customer turn over the scripted suite {@code agent/bench/conversations.jsonl}
 * (50 conversations, 92 customer turns, Chinese and English: FAQ, multi-turn, follow-ups that retrieval misses,
 * explicit requests for a human, sensitive operations, out-of-scope questions), against {@link StubModel} on
 * WireMock and an H2 chat memory.
 *
 * <p>Each turn goes the way the engine sends it: the keyword policy ({@link KeywordDecider}) first (an explicit
 * request is handed off with no LLM call), then retrieval over {@link BenchKnowledge}, then {@link LlmAgent}. A
 * handoff ends the conversation and costs one summary call ({@link LlmSummarizer}), counted separately.
 *
 * <p>Run: {@code bench/agent/run.sh} (or {@code tools/run.sh agent.AgentBench}). Prints a table and, on its last
 * line, one JSON object.
 */
public final class AgentBench {

    private record Row(String kind, int turns, int calls, long promptTokens, int handoffs, int summaryCalls) {
    }

    public static void main(String[] args) throws Exception {
        StubModel model = new StubModel();
        WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().extensions(model));
        wm.start();
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(ok())); // the StubModel writes the body
        Database db = Database.open("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmConfig cfg = LlmConfig.of(URI.create(wm.baseUrl() + "/v1"), "bench", "stub").withMaxRetries(0);
        OfflineAgent offline = new OfflineAgent(BotMessages.defaults().notSure(), BotMessages.defaults().sourceLabel());
        BenchKnowledge kb = new BenchKnowledge();
        KeywordDecider policy = new KeywordDecider(HandoffConfig.DEFAULT_KEYWORDS,
                new HandoffPolicy(HandoffConfig.defaults()));
        Map<String, int[]> byKind = new LinkedHashMap<>();
        Map<String, long[]> tokensByKind = new LinkedHashMap<>();
        List<Long> promptPerTurn = new ArrayList<>();
        int turns = 0;
        int calls = 0;
        int handoffs = 0;
        int summaryCalls = 0;
        int policyHandoffs = 0;
        int policyHandoffCalls = 0;
        int handoffTool = 0;
        long promptTokens = 0;
        long started = System.nanoTime();
        try (LlmAgent agent = LlmAgent.create(cfg, Store.over(db), kb, offline, meters, Clock.systemUTC())) {
            LlmSummarizer summarizer = agent.summarizer(new ExtractiveSummarizer());
            long conversationId = 1000;
            for (JsonNode conv : suite()) {
                conversationId++;
                String kind = conv.get("kind").asText();
                String lang = conv.get("lang").asText();
                int[] k = byKind.computeIfAbsent(kind, x -> new int[4]);
                long[] kt = tokensByKind.computeIfAbsent(kind, x -> new long[1]);
                List<Message> transcript = new ArrayList<>();
                for (JsonNode t : conv.get("turns")) {
                    String text = t.asText();
                    turns++;
                    k[0]++;
                    transcript.add(line(conversationId, Author.CUSTOMER, text));
                    double inputBefore = meters.counter("baton.llm.tokens", "type", "input").count();
                    HandoffReason handoff = null;
                    int turnCalls = 0;
                    if (policy.matchedKeyword(text) != null) {
                        handoff = HandoffReason.EXPLICIT_REQUEST;
                        policyHandoffs++;
                    } else {
                        List<KnowledgeAnswer> hits = kb.search(text, 3);
                        AgentReply reply = agent.answer(new AgentRequest(conversationId, text, lang, hits));
                        turnCalls = reply.llmCalls();
                        handoff = reply.handoff();
                        if (handoff == HandoffReason.AGENT_TOOL) {
                            handoffTool++;
                        }
                        transcript.add(line(conversationId, Author.BOT, reply.text()));
                    }
                    if (handoff == HandoffReason.EXPLICIT_REQUEST) {
                        policyHandoffCalls += turnCalls;
                    }
                    long turnPrompt = Math.round(meters.counter("baton.llm.tokens", "type", "input").count()
                            - inputBefore);
                    promptPerTurn.add(turnPrompt);
                    promptTokens += turnPrompt;
                    kt[0] += turnPrompt;
                    calls += turnCalls;
                    k[1] += turnCalls;
                    if (handoff != null) {
                        handoffs++;
                        k[2]++;
                        double before = meters.counter("baton.llm.calls").count();
                        summarizer.summarize(transcript, List.of(handoff), lang);
                        int s = (int) Math.round(meters.counter("baton.llm.calls").count() - before);
                        summaryCalls += s;
                        k[3] += s;
                        break;
                    }
                }
            }
        } finally {
            db.close();
            wm.stop();
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        promptPerTurn.sort(Long::compare);
        System.out.printf("%-14s %6s %6s %10s %14s %9s%n", "kind", "turns", "calls", "calls/turn", "prompt tok/turn",
                "handoffs");
        for (var e : byKind.entrySet()) {
            int[] k = e.getValue();
            System.out.printf("%-14s %6d %6d %10.2f %14.0f %9d%n", e.getKey(), k[0], k[1], (double) k[1] / k[0],
                    (double) tokensByKind.get(e.getKey())[0] / k[0], k[2]);
        }
        System.out.printf("%-14s %6d %6d %10.2f %14.0f %9d%n", "ALL", turns, calls, (double) calls / turns,
                (double) promptTokens / turns, handoffs);
        System.out.printf("summary calls: %d (one per handoff); calls/turn including summaries: %.2f%n", summaryCalls,
                (double) (calls + summaryCalls) / turns);
        System.out.printf("explicit requests: %d handed off by policy with %d LLM calls; agent tool handoffs: %d%n",
                policyHandoffs, policyHandoffCalls, handoffTool);
        System.out.printf("prompt tokens per turn: p50 %d, p90 %d, max %d; wall time %d ms%n",
                promptPerTurn.get(promptPerTurn.size() / 2), promptPerTurn.get(promptPerTurn.size() * 9 / 10),
                promptPerTurn.get(promptPerTurn.size() - 1), tookMs);
        System.out.printf("fixed prefix (system prompt + tool schemas, cacheable): ~%d tokens per call%n",
                model.prefixTokens());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("conversations", 50);
        json.put("turns", turns);
        json.put("llmCalls", calls);
        json.put("callsPerTurn", Math.round(1000.0 * calls / turns) / 1000.0);
        json.put("summaryCalls", summaryCalls);
        json.put("callsPerTurnWithSummaries", Math.round(1000.0 * (calls + summaryCalls) / turns) / 1000.0);
        json.put("explicitRequestCalls", policyHandoffCalls);
        json.put("promptTokensPerTurn", Math.round((double) promptTokens / turns));
        json.put("promptTokensP90", promptPerTurn.get(promptPerTurn.size() * 9 / 10));
        json.put("prefixTokensPerCall", model.prefixTokens());
        System.out.println(new ObjectMapper().writeValueAsString(json));
    }

    private static Message line(long conversationId, Author author, String text) {
        return new Message(0, conversationId, null, author, null, text, null, null, Instant.now());
    }

    private static List<JsonNode> suite() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                AgentBench.class.getResourceAsStream("/agent/bench/conversations.jsonl"), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank()) {
                    out.add(json.readTree(l));
                }
            }
        }
        return out;
    }
}
