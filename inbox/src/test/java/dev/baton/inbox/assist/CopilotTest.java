package dev.baton.inbox.assist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.agent.LlmReplyDraftWriter;
import dev.baton.core.agent.ReplyDraftWriter;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Store;
import dev.baton.inbox.auth.Principal;
import dev.baton.inbox.auth.Role;
import dev.baton.inbox.desk.CannedReplies;
import dev.baton.inbox.store.CannedReplyRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.baton.inbox.assist.AssistFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copilot at the service level: the drafts are for the conversation's issue (not its last line), grounded in the
 * confident knowledge, earlier human answers to similar questions and matching canned replies, in that order, each
 * with its citation, in the customer's language; with a model (WireMock), its draft comes first and cites the sources
 * it used; a failing model leaves the offline drafts.
 */
class CopilotTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal BOB = Principal.session("bob", Role.AGENT);

    /** The knowledge: a confident English and Chinese refund entry, and an unconfident neighbour. */
    private static final KnowledgeSearch KNOWLEDGE = (q, k) -> q.contains("refund") || q.contains("money")
            || q.contains("退款") ? List.of(
            new KnowledgeAnswer("refunds.md#how-long", "How long does a refund take?",
                    "Refunds reach your card within 3 to 5 working days.", "refunds.md › How long does a refund take?",
                    0.91, true),
            new KnowledgeAnswer("refunds.md#退款多久", "退款多久到账？", "退款会在 3 到 5 个工作日内退回原支付方式。",
                    "refunds.md › 退款多久到账？", 0.90, true),
            new KnowledgeAnswer("shipping.md#cost", "What does shipping cost?", "Shipping is free over 50 EUR.",
                    "shipping.md › What does shipping cost?", 0.40, false)) : List.of();

    private final AssistFixture f = new AssistFixture();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<LlmReplyDraftWriter> writers = new ArrayList<>();

    @AfterEach
    void close() {
        writers.forEach(LlmReplyDraftWriter::close);
        f.close();
    }

    private Copilot copilot(ReplyDraftWriter writer, boolean llm) {
        Store store = f.store;
        CannedReplies canned = new CannedReplies(store, new CannedReplyRepository(store.db()), "en", clock);
        if (!canned.list(BOB, null, null).isEmpty()) {
            return new Copilot(store, KNOWLEDGE, canned, new HumanAnswers(store, t -> false),
                    new VectorCache(AssistFixture.VECTORS), writer, llm, t -> false, clock);
        }
        canned.create(Principal.session("ann", Role.SUPERVISOR), CannedReplyRepository.Scope.TEAM,
                new CannedReplies.Draft("refund", "{customer.name}您好，退款一般 3 到 5 个工作日到账。",
                        "Hi {customer.name}, refunds usually take 3 to 5 working days."));
        canned.create(Principal.session("ann", Role.SUPERVISOR), CannedReplyRepository.Scope.TEAM,
                new CannedReplies.Draft("password", "点击“忘记密码”即可重置。", "Tap \"Forgot password\" to reset it."));
        return new Copilot(store, KNOWLEDGE, canned, new HumanAnswers(store, t -> false),
                new VectorCache(AssistFixture.VECTORS), writer, llm, t -> false, clock);
    }

    private LlmReplyDraftWriter model() {
        LlmConfig cfg = LlmConfig.of(URI.create(wm.baseUrl() + "/v1"), "test-key", "deepseek-chat")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(6)).withMaxRetries(0);
        LlmReplyDraftWriter w = LlmReplyDraftWriter.create(cfg, new SimpleMeterRegistry(), clock);
        writers.add(w);
        return w;
    }

    private static String completion(String content) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "deepseek-chat");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return root.toString();
    }

    /** An English customer asks about a refund, then gives an order number (the issue stays the question). */
    private long englishCustomer() {
        f.answeredByHuman("how do I get a refund for a broken kettle", "ann",
                "I have started your refund: it reaches your card in 3 to 5 working days.", NOW.minusSeconds(86_400 * 3));
        f.answeredByHuman("I forgot my password", "cleo", "Tap Forgot password and follow the e-mail.",
                NOW.minusSeconds(86_400 * 2));
        long conv = f.conversation("en");
        f.ask(conv, "I want my money back for this broken kettle, how does a refund work?", false,
                NOW.minusSeconds(600));
        f.ask(conv, "order 88812345", false, NOW.minusSeconds(500));
        return conv;
    }

    @Test
    void should_offer_knowledge_then_earlier_human_answers_then_canned_replies_for_the_issue() {
        long conv = englishCustomer();

        Copilot.Suggestions s = copilot(ReplyDraftWriter.none(), false).suggest(BOB, conv, "en");

        assertThat(s.question()).isEqualTo("I want my money back for this broken kettle, how does a refund work?");
        assertThat(s.language()).isEqualTo("en");
        assertThat(s.drafts()).extracting(Copilot.Draft::kind).containsExactly("knowledge", "human", "canned");
        assertThat(s.drafts().get(0).text()).isEqualTo("Refunds reach your card within 3 to 5 working days.");
        assertThat(s.drafts().get(0).citations().get(0).label()).isEqualTo("Knowledge: How long does a refund take?");
        assertThat(s.drafts().get(0).citations().get(0).ref()).isEqualTo("refunds.md › How long does a refund take?");
        assertThat(s.drafts().get(1).text()).as("the answer, not the greeting; not the unrelated password answer")
                .isEqualTo("I have started your refund: it reaches your card in 3 to 5 working days.");
        assertThat(s.drafts().get(1).citations().get(0).label())
                .isEqualTo("reply by ann on 2026-11-30 to a similar question");
        assertThat(s.drafts().get(2).text()).isEqualTo("Hi Customer 3, refunds usually take 3 to 5 working days.");
        assertThat(s.drafts().get(2).citations().get(0).label()).isEqualTo("canned reply /refund");
        assertThat(s.drafts()).extracting(Copilot.Draft::text).doesNotContain("Shipping is free over 50 EUR.");
        assertThat(s.llm()).isFalse();
    }

    @Test
    void should_write_the_drafts_in_the_customers_language_with_citations_in_the_agents() {
        f.answeredByHuman("how do I get a refund", "ann", "Your refund is on its way.", NOW.minusSeconds(86_400));
        f.answeredByHuman("退款怎么申请", "ann", "您好，退款已经帮您提交，3 到 5 个工作日到账。", NOW.minusSeconds(86_400));
        long conv = f.conversation("zh");
        f.ask(conv, "我想退款，怎么操作？", false, NOW.minusSeconds(60));

        Copilot.Suggestions s = copilot(ReplyDraftWriter.none(), false).suggest(BOB, conv, "zh");

        assertThat(s.language()).isEqualTo("zh");
        assertThat(s.drafts()).extracting(Copilot.Draft::text).containsExactly(
                "退款会在 3 到 5 个工作日内退回原支付方式。", "您好，退款已经帮您提交，3 到 5 个工作日到账。",
                "Customer 3您好，退款一般 3 到 5 个工作日到账。");
        assertThat(s.drafts().get(1).citations().get(0).label()).isEqualTo("ann 于 2026-12-02 对类似问题的回复");
        assertThat(s.drafts().get(2).citations().get(0).label()).isEqualTo("快捷回复 /refund");
    }

    @Test
    void should_offer_nothing_before_the_customer_asks_anything() {
        long conv = f.conversation("en");
        f.request(conv, NOW.minusSeconds(30));

        Copilot.Suggestions s = copilot(ReplyDraftWriter.none(), false).suggest(BOB, conv, "en");

        assertThat(s.question()).isNull();
        assertThat(s.drafts()).isEmpty();
    }

    @Test
    void should_put_the_models_draft_first_citing_the_sources_it_used() throws Exception {
        long conv = englishCustomer();
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(JSON.writeValueAsString(
                Map.of("reply", "Sorry about the kettle! Your refund reaches your card within 3 to 5 working days "
                        + "once we have the item [1].", "sources", List.of(1, 2, 9)))))));

        Copilot.Suggestions s = copilot(model(), true).suggest(BOB, conv, "en");

        assertThat(s.llm()).isTrue();
        assertThat(s.drafts()).extracting(Copilot.Draft::kind).containsExactly("llm", "knowledge", "human", "canned");
        Copilot.Draft written = s.drafts().get(0);
        assertThat(written.text()).isEqualTo("Sorry about the kettle! Your refund reaches your card within 3 to 5 "
                + "working days once we have the item.");
        assertThat(written.citations()).extracting(Copilot.Citation::label).containsExactly(
                "Knowledge: How long does a refund take?", "reply by ann on 2026-11-30 to a similar question");
        JsonNode sent = JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0)
                .getBodyAsString());
        String system = sent.path("messages").get(0).path("content").asText();
        String user = sent.path("messages").get(1).path("content").asText();
        assertThat(system).contains("in English").contains("only the numbered sources");
        assertThat(user).contains("[1] Knowledge: How long does a refund take?: Refunds reach your card")
                .contains("[2] reply by ann on 2026-11-30 to a similar question: I have started your refund")
                .contains("<question>I want my money back for this broken kettle")
                .contains("customer: order 88812345");
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void should_ask_the_model_for_the_customers_language() throws Exception {
        long conv = f.conversation("zh");
        f.ask(conv, "我想退款，怎么操作？", false, NOW.minusSeconds(60));
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(JSON.writeValueAsString(
                Map.of("reply", "您好，退款会在 3 到 5 个工作日内退回原支付方式。", "sources", List.of(1)))))));

        Copilot.Suggestions s = copilot(model(), true).suggest(BOB, conv, "en");

        assertThat(s.drafts().get(0).kind()).isEqualTo("llm");
        assertThat(s.drafts().get(0).text()).isEqualTo("您好，退款会在 3 到 5 个工作日内退回原支付方式。");
        assertThat(s.drafts().get(0).citations().get(0).label()).as("the agent reads English")
                .isEqualTo("Knowledge: 退款多久到账？");
        String system = JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0)
                .getBodyAsString()).path("messages").get(0).path("content").asText();
        assertThat(system).contains("in Simplified Chinese");
    }

    @Test
    void should_keep_the_offline_drafts_when_the_model_fails_or_cites_nothing() throws Exception {
        long conv = englishCustomer();
        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));

        assertThat(copilot(model(), true).suggest(BOB, conv, "en").drafts()).extracting(Copilot.Draft::kind)
                .containsExactly("knowledge", "human", "canned");

        wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(completion(JSON.writeValueAsString(
                Map.of("reply", "We always refund twice the price!", "sources", List.of()))))));
        assertThat(copilot(model(), true).suggest(BOB, conv, "en").drafts()).extracting(Copilot.Draft::kind)
                .as("a draft that rests on no source is not offered").containsExactly("knowledge", "human", "canned");
    }
}
