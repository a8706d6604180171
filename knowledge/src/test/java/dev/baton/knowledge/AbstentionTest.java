package dev.baton.knowledge;

import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.result.KnowledgeHit;
import dev.baton.knowledge.index.Threshold;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Honest abstention on a small shop written here: questions the knowledge answers are confident, questions it does
 * not answer are not, in Chinese and in English, with the thresholds calibrated on this index (docs/knowledge.md).
 */
class AbstentionTest {

    /** A bilingual shop FAQ; written by the test, so it needs no evaluation data. */
    static final String FAQ = """
            id,question,answer,similar
            zh-return,怎么退货？,在“我的订单”里申请售后即可退货。,买的东西不想要了怎么退|退货流程是什么|收到的商品可以退回吗
            zh-shipping,运费怎么算？,订单满 99 元包邮，否则运费 10 元。,要付邮费吗|满多少钱包邮|寄快递要多少钱
            zh-invoice,怎么开发票？,在订单详情页点击“申请发票”。,可以开增值税发票吗|发票怎么申请|电子发票在哪里下载
            zh-hours,客服几点上班？,客服时间为每天 9:00–21:00。,人工客服什么时候在线|晚上有客服吗|客服工作时间
            en-return,How do I return an item?,Open My orders and choose Return.,I want to send back my order|what is the return process|can I return something I bought
            en-shipping,How much is shipping?,Shipping is free over $50; otherwise $5.,do you charge for delivery|is there free shipping|what does postage cost
            en-invoice,How do I get an invoice?,Open the order and choose Download invoice.,can I have a receipt for my order|where do I download my invoice|I need a VAT invoice
            en-hours,When is customer service open?,Every day from 9:00 to 21:00.,what time do you open|are your agents available at night|support hours
            """;

    @TempDir
    Path tmp;

    private KnowledgeBase kb;

    static Path shop(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("faq.csv"), FAQ);
        return dir;
    }

    @BeforeEach
    void setUp() throws Exception {
        kb = KnowledgeBase.open(KnowledgeConfig.defaults(shop(tmp.resolve("kb")), tmp.resolve("index")).withWatch(false),
                Fixtures.embedders());
        kb.sync();
    }

    @AfterEach
    void tearDown() {
        kb.close();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "东西收到了不喜欢，能退吗, zh-return",
            "买多少可以免运费, zh-shipping",
            "我需要报销，发票怎么开, zh-invoice",
            "I'd like to send this jacket back, en-return",
            "is delivery free if I spend enough, en-shipping",
            "where can I find a receipt for my purchase, en-invoice",
    })
    void should_answer_confidently_when_the_knowledge_covers_the_question(String query, String expected) {
        SearchResult r = kb.search(query, 3);

        assertThat(r.best()).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo(expected));
        assertThat(r.confident()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "今天上海会下雨吗", "推荐一部好看的电视剧", "怎么做红烧肉", "你们老板是谁",
            "can you recommend a good movie", "who won the football game last night", "how do I fix a flat bike tyre",
            "what's a good name for a cat", "is it going to snow tomorrow",
    })
    void should_not_be_confident_when_the_knowledge_does_not_cover_the_question(String query) {
        SearchResult r = kb.search(query, 3);

        assertThat(r.best()).isPresent(); // the nearest entries are still returned, for `baton ask`
        assertThat(r.confident()).isFalse();
        assertThat(r.confidentHits()).isEmpty();
    }

    @Test
    void should_calibrate_a_threshold_per_language_from_the_index_itself() {
        Map<String, Threshold> thresholds = kb.thresholds();

        assertThat(thresholds).containsOnlyKeys("zh:vector:zh", "en:vector_en:en");
        Threshold zh = thresholds.get("zh:vector:zh");
        Threshold en = thresholds.get("en:vector_en:en");
        assertThat(zh.cosine()).isGreaterThan(zh.mean() + 3 * zh.sd()).isLessThan(1.0);
        assertThat(en.cosine()).isGreaterThan(en.mean() + 3 * en.sd()).isLessThan(1.0);
        assertThat(Math.abs(zh.cosine() - en.cosine())).isGreaterThan(0.02); // one floor would not fit both
        assertThat(kb.search("怎么退货", 1).floor()).isEqualTo((1 + zh.cosine()) / 2);
    }

    @Test
    void should_need_less_margin_only_for_the_entry_the_lexical_search_ranks_first_too() {
        Threshold t = kb.thresholds().get("en:vector_en:en");
        double floor = (1 + t.cosine()) / 2;
        double agreeing = (1 + t.agreeing()) / 2;
        int agreed = 0;
        int refusedInBand = 0;

        for (String query : List.of("is customer service good", "return flights to Paris", "return policy for gift cards",
                "do you ship to Mars", "shipping", "hours of the museum")) {
            for (KnowledgeHit h : kb.search(query, 8).hits()) {
                boolean inBand = h.vectorScore() >= agreeing && h.vectorScore() < floor;
                assertThat(h.confident()).as("%s → %s: vector %.4f, bm25 rank %d", query, h.id(), h.vectorScore(),
                        h.bm25Rank()).isEqualTo(h.vectorScore() >= floor || (inBand && h.bm25Rank() == 1));
                agreed += inBand && h.bm25Rank() == 1 ? 1 : 0;
                refusedInBand += inBand && h.bm25Rank() != 1 ? 1 : 0;
            }
        }

        assertThat(agreeing).isLessThan(floor);
        assertThat(agreed).isPositive(); // the rule was exercised both ways
        assertThat(refusedInBand).isPositive();
    }

    @Test
    void should_keep_the_thresholds_across_a_restart_without_recomputing_them() throws Exception {
        Map<String, Threshold> before = kb.thresholds();
        kb.close();
        kb = KnowledgeBase.open(KnowledgeConfig.defaults(tmp.resolve("kb"), tmp.resolve("index")).withWatch(false),
                Fixtures.embedders());

        assertThat(kb.thresholds()).isEqualTo(before);
        assertThat(kb.sync().modifiedIndex()).isFalse();
        assertThat(kb.search("can you recommend a good movie", 1).confident()).isFalse();
    }

    @Test
    void should_use_the_operators_fixed_floor_instead_when_one_is_configured() throws Exception {
        kb.close();
        KnowledgeConfig base = KnowledgeConfig.defaults(tmp.resolve("kb"), tmp.resolve("index")).withWatch(false);
        try (KnowledgeBase lenient = KnowledgeBase.open(base.withScoreFloor(0.5), Fixtures.embedders())) {
            lenient.sync();
            assertThat(lenient.search("can you recommend a good movie", 1).confident()).isTrue();
            assertThat(lenient.search("can you recommend a good movie", 1).floor()).isEqualTo(0.5);
        }
        try (KnowledgeBase strict = KnowledgeBase.open(base.withScoreFloor(0.999), Fixtures.embedders())) {
            strict.sync();
            assertThat(strict.search("I'd like to send this jacket back", 1).confident()).isFalse();
        }
        kb = KnowledgeBase.open(base, Fixtures.embedders());
    }
}
