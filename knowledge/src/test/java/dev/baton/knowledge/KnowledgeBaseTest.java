package dev.baton.knowledge;

import dev.baton.knowledge.result.SearchResult;
import dev.baton.knowledge.result.KnowledgeHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseTest {

    @TempDir
    Path tmp;

    private Path folder;
    private KnowledgeBase kb;

    @BeforeEach
    void setUp() throws Exception {
        folder = Fixtures.copy("shop", tmp.resolve("knowledge"));
        kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false), Fixtures.embedders());
    }

    @AfterEach
    void tearDown() {
        kb.close();
    }

    @Test
    void should_index_every_supported_file_except_drafts_and_hidden_when_syncing_a_new_folder() throws Exception {
        SyncReport report = kb.sync();

        assertThat(report.added()).containsExactly("faq/after-sales-faq.md", "guide/membership.md", "guide/warehouse.md",
                "membership-faq.xlsx", "products.csv");
        assertThat(report.failed()).isEmpty();
        assertThat(report.totalEntries()).isEqualTo(kb.size()).isEqualTo(report.entriesIndexed());
        assertThat(report.reEmbedded()).isGreaterThan(report.entriesIndexed()); // similar phrasings are embedded too
        assertThat(kb.search("双十一活动规则", 10).hits()).noneMatch(h -> h.citation().file().contains("_drafts"));
        assertThat(kb.search("隐藏文件", 10).hits()).noneMatch(h -> h.citation().file().contains("hidden"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "我买的东西不想要了，怎么退回去, faq/after-sales-faq.md#怎么退货",
            "钱退回来要几天, faq/after-sales-faq.md#退款多久到账",
            "退款能打到另一张卡上吗, faq/after-sales-faq.md#可以退到别的银行卡吗",
            "how many days does delivery take, faq/after-sales-faq.md#how-long-does-delivery-take",
            "耳机坏了能免费修吗, p-warranty",
            "X200 耳机坏了可以保修吗, p-warranty",
            "my X200 will not pair with my phone, products.csv#q-292b3e50331c",
            "能把会员给家人用吗, m-transfer",
            "积分多久过期, guide/membership.md#积分规则",
            "請問退貨運費誰出？, faq/after-sales-faq.md#退货运费谁承担",
    })
    void should_rank_the_matching_entry_first_when_the_query_is_a_paraphrase(String query, String expectedId) throws Exception {
        kb.sync();

        SearchResult result = kb.search(query, 5);

        assertThat(result.best()).hasValueSatisfying(best -> {
            assertThat(best.id()).isEqualTo(expectedId);
            assertThat(best.confident()).isTrue();
        });
        assertThat(result.confident()).isTrue();
    }

    @Test
    void should_return_an_faq_entry_once_with_its_main_question_when_a_similar_phrasing_matches() throws Exception {
        kb.sync();

        SearchResult result = kb.search("X200 充不进电", 10);

        assertThat(result.hits()).filteredOn(h -> h.id().equals("p-charge")).hasSize(1);
        KnowledgeHit best = result.best().orElseThrow();
        assertThat(best.id()).isEqualTo("p-charge");
        assertThat(best.question()).isEqualTo("X200 耳机怎么充电？");
        assertThat(best.citation().display()).isEqualTo("products.csv row 3");
        assertThat(best.bm25Rank()).isEqualTo(1);
        assertThat(best.vectorScore()).isGreaterThan(0.9);
    }

    @ParameterizedTest
    @CsvSource({"今天北京天气怎么样", "What is the capital of France?", "推荐一部好看的科幻电影"})
    void should_not_be_confident_when_the_question_is_unrelated(String query) throws Exception {
        kb.sync();

        SearchResult result = kb.search(query, 3);

        assertThat(result.confident()).isFalse();
        assertThat(result.confidentHits()).isEmpty();
    }

    @Test
    void should_return_an_empty_result_when_the_query_is_blank_or_the_index_is_empty() {
        assertThat(kb.search("怎么退货", 5).hits()).isEmpty();
        kb.search("  ", 5);
        assertThat(kb.search("  ", 5).confident()).isFalse();
    }

    @Test
    void should_answer_quickly_and_keep_the_query_when_the_message_is_very_long() throws Exception {
        kb.sync();
        String longMessage = "怎么退货？".repeat(2000);

        SearchResult result = kb.search(longMessage, 3);

        assertThat(result.query()).isEqualTo(longMessage);
        assertThat(result.best()).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo("faq/after-sales-faq.md#怎么退货"));
    }

    @Test
    void should_re_embed_nothing_when_the_folder_is_unchanged_after_restart() throws Exception {
        kb.sync();
        kb.close();
        kb = KnowledgeBase.open(KnowledgeConfig.defaults(folder, tmp.resolve("index")).withWatch(false), Fixtures.embedders());

        SyncReport report = kb.sync();

        assertThat(report.reEmbedded()).isZero();
        assertThat(report.unchanged()).isEqualTo(5);
        assertThat(report.modifiedIndex()).isFalse();
        assertThat(kb.search("怎么退货", 1).best().orElseThrow().id()).isEqualTo("faq/after-sales-faq.md#怎么退货");
    }

    @Test
    void should_re_embed_only_the_changed_file_and_drop_deleted_files_when_syncing_again() throws Exception {
        kb.sync();
        int before = kb.size();
        Files.writeString(folder.resolve("products.csv"), """
                id,question,answer
                p-warranty,X200 耳机保修多久？,X200 耳机现在保修两年。
                """);
        Files.delete(folder.resolve("guide/warehouse.md"));

        SyncReport report = kb.sync();

        assertThat(report.changed()).containsExactly("products.csv");
        assertThat(report.removed()).containsExactly("guide/warehouse.md");
        assertThat(report.added()).isEmpty();
        assertThat(report.reEmbedded()).isEqualTo(1);
        assertThat(kb.search("X200 保修多久", 1).best().orElseThrow().answer()).isEqualTo("X200 耳机现在保修两年。");
        assertThat(kb.search("仓库流程", 10).hits()).noneMatch(h -> h.citation().file().equals("guide/warehouse.md"));
        assertThat(kb.size()).isLessThan(before);
    }

    @Test
    void should_skip_a_corrupt_file_with_its_name_and_index_the_rest_when_syncing() throws Exception {
        Files.write(folder.resolve("broken.pdf"), "%PDF-1.7 garbage".getBytes());
        Files.write(folder.resolve("broken.xlsx"), new byte[]{1, 2, 3});

        SyncReport report = kb.sync();

        assertThat(report.failed()).extracting(SyncReport.FailedFile::file).containsExactly("broken.pdf", "broken.xlsx");
        assertThat(report.failed()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
        assertThat(report.added()).hasSize(5);
        assertThat(kb.search("怎么退货", 1).best()).isPresent();
    }

    @Test
    void should_keep_the_previous_entries_when_a_file_becomes_corrupt() throws Exception {
        kb.sync();
        Files.writeString(folder.resolve("products.csv"), "question,\"unterminated\n");

        SyncReport report = kb.sync();

        assertThat(report.failed()).extracting(SyncReport.FailedFile::file).containsExactly("products.csv");
        assertThat(kb.search("耳机坏了能免费修吗", 1).best().orElseThrow().id()).isEqualTo("p-warranty");
    }
}
