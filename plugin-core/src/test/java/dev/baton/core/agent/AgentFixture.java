package dev.baton.core.agent;

import dev.baton.core.config.BotMessages;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/** An H2 store, a tiny shop knowledge base, the offline agent and a movable clock for agent tests. */
final class AgentFixture implements AutoCloseable {

    static final KnowledgeAnswer RETURNS = new KnowledgeAnswer("faq/returns.md#how", "怎么退货？",
            "签收后 7 天内可申请无理由退货。", "faq/returns.md › 怎么退货？", 0.9, true);
    static final KnowledgeAnswer SHIPPING = new KnowledgeAnswer("faq/shipping.md#fee", "运费多少？",
            "订单满 99 元包邮，不满 99 元收取运费 10 元。", "faq/shipping.md › 运费多少？", 0.8, true);
    static final KnowledgeAnswer UNRELATED = new KnowledgeAnswer("faq/misc.md#hours", "营业时间",
            "客服时间为每天 9:00–21:00。", "faq/misc.md › 营业时间", 0.1, false);

    /** The knowledge behind searchKnowledge: shipping questions find the shipping entry. */
    static final KnowledgeSearch SEARCH = (q, k) -> q.contains("运费") || q.toLowerCase().contains("shipping")
            ? List.of(SHIPPING) : List.of(UNRELATED);

    final String dbUrl = "jdbc:h2:mem:agent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    final Database db = Database.open(dbUrl, "sa", "", 4);
    final Store store = Store.over(db);
    final TestClock clock = TestClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OfflineAgent offline = new OfflineAgent(BotMessages.defaults().notSure(), BotMessages.defaults().sourceLabel());
    final ExecutorService executor = LlmModels.boundedExecutor("test-llm", 4, 4);

    static LlmConfig config(String baseUrl) {
        return LlmConfig.of(URI.create(baseUrl), "test-key", "deepseek-chat")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(6)).withMaxRetries(0);
    }

    LlmAgent agent(LlmConfig cfg) {
        return agent(cfg, SEARCH);
    }

    /** An agent whose {@code searchKnowledge} tool searches {@code search}. */
    LlmAgent agent(LlmConfig cfg, KnowledgeSearch search) {
        return new LlmAgent(cfg, LlmModels.chatModel(cfg), store, search, offline, meters, clock, executor, false);
    }

    AgentRequest ask(long conversationId, String text, KnowledgeAnswer... hits) {
        return new AgentRequest(conversationId, text, dev.baton.text.Language.detect(text),
                List.of(hits));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        db.close();
    }
}
