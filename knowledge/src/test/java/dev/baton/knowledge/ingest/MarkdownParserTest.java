package dev.baton.knowledge.ingest;

import dev.baton.knowledge.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MarkdownParserTest {

    private final MarkdownParser parser = new MarkdownParser();

    @Test
    void should_give_one_entry_per_question_heading_with_category_path_when_file_is_an_faq() throws Exception {
        List<KnowledgeEntry> entries = parser.parse(Fixtures.resource("shop/faq/after-sales-faq.md"), "faq/after-sales-faq.md");

        assertThat(entries).extracting(KnowledgeEntry::id, KnowledgeEntry::kind, KnowledgeEntry::category)
                .containsExactly(
                        tuple("faq/after-sales-faq.md#怎么退货", KnowledgeEntry.Kind.FAQ, "售后服务 / 退货"),
                        tuple("faq/after-sales-faq.md#退货运费谁承担", KnowledgeEntry.Kind.FAQ, "售后服务 / 退货"),
                        tuple("faq/after-sales-faq.md#退款多久到账", KnowledgeEntry.Kind.FAQ, "售后服务 / 退款"),
                        tuple("faq/after-sales-faq.md#可以退到别的银行卡吗", KnowledgeEntry.Kind.FAQ, "售后服务 / 退款"),
                        tuple("faq/after-sales-faq.md#how-long-does-delivery-take", KnowledgeEntry.Kind.FAQ, "Shipping"),
                        tuple("faq/after-sales-faq.md#do-you-ship-to-hong-kong", KnowledgeEntry.Kind.FAQ, "Shipping"));
        KnowledgeEntry first = entries.get(0);
        assertThat(first.question()).isEqualTo("怎么退货？");
        assertThat(first.answer()).startsWith("在“我的订单”里").doesNotContain("退货运费");
        assertThat(first.citation().display()).isEqualTo("faq/after-sales-faq.md › 怎么退货？");
    }

    @Test
    void should_chunk_sections_and_keep_code_blocks_when_file_is_a_document() throws Exception {
        List<KnowledgeEntry> entries = parser.parse(Fixtures.resource("shop/guide/membership.md"), "guide/membership.md");

        assertThat(entries).extracting(KnowledgeEntry::id)
                .containsExactly("guide/membership.md#top", "guide/membership.md#会员等级", "guide/membership.md#积分规则",
                        "guide/membership.md#发票");
        assertThat(entries).allMatch(e -> e.kind() == KnowledgeEntry.Kind.SECTION);
        assertThat(entries.get(0).question()).isEqualTo("membership");
        assertThat(entries.get(2).category()).isEqualTo("会员等级");
        assertThat(entries.get(2).answer()).contains("一百积分抵一元").contains("过期自动清零");
        assertThat(entries.get(3).answer()).contains("# 这不是标题");
    }

    @Test
    void should_split_long_sections_on_paragraph_boundaries_when_longer_than_the_chunk_limit() throws Exception {
        List<KnowledgeEntry> entries = parser.parse(Fixtures.resource("shop/guide/warehouse.md"), "guide/warehouse.md");

        assertThat(entries).hasSizeGreaterThan(1);
        assertThat(entries.get(0).id()).isEqualTo("guide/warehouse.md#仓库流程");
        assertThat(entries.get(1).id()).isEqualTo("guide/warehouse.md#仓库流程.2");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.answer().length()).isLessThanOrEqualTo(SectionChunker.MAX_CHUNK_CHARS);
            assertThat(e.answer()).startsWith("第");
        });
        assertThat(String.join("\n\n", entries.stream().map(KnowledgeEntry::answer).toList())).contains("第1段", "第8段");
    }

    @Test
    void should_make_stable_unique_slugs_when_headings_are_chinese_or_repeated() {
        Slugs slugs = new Slugs();

        assertThat(slugs.unique("怎么退货？")).isEqualTo("怎么退货");
        assertThat(slugs.unique("怎么 退货?")).isEqualTo("怎么-退货");
        assertThat(slugs.unique("怎么退货")).isEqualTo("怎么退货-2");
        assertThat(Slugs.slug("How do I return an item?")).isEqualTo("how-do-i-return-an-item");
        assertThat(Slugs.slug("ＡＢＣ１２３")).isEqualTo("abc123");
        assertThat(Slugs.slug("？？")).isEqualTo("section");
    }

    @Test
    void should_treat_leaf_headings_as_questions_only_when_the_file_is_named_as_an_faq() {
        String md = "# 配送\n\n## 运费\n\n满99包邮。\n";

        List<KnowledgeEntry> faq = SectionChunker.toEntries("help/faq.md", MarkdownParser.sections(md));
        List<KnowledgeEntry> doc = SectionChunker.toEntries("help/guide.md", MarkdownParser.sections(md));

        assertThat(faq).singleElement().extracting(KnowledgeEntry::kind).isEqualTo(KnowledgeEntry.Kind.FAQ);
        assertThat(doc).singleElement().extracting(KnowledgeEntry::kind).isEqualTo(KnowledgeEntry.Kind.SECTION);
        assertThat(SectionChunker.isFaqFile("常见问题.md")).isTrue();
        assertThat(SectionChunker.isFaqFile("shop-qa.md")).isTrue();
        assertThat(SectionChunker.isFaqFile("quality.md")).isFalse();
    }

    @Test
    void should_leave_html_comments_out_of_the_answer_when_they_are_outside_code() {
        String md = """
                # Can I pay with gift cards?

                Yes, at checkout. <!-- checked with finance -->Enter the code on the payment page.

                <!-- draft from conversation 13 by ann,
                     2026-03-02T10:00:00Z -->
                Keep the card until the order arrives.
                <!--> <!---> Gift cards never expire.
                """;

        List<KnowledgeEntry> entries = SectionChunker.toEntries("drafts/gift.md", MarkdownParser.sections(md));

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.answer()).doesNotContain("<!--", "-->", "conversation 13", "ann", "finance")
                    .contains("Yes, at checkout. Enter the code on the payment page.")
                    .contains("Keep the card until the order arrives.")
                    .contains("Gift cards never expire.");
        });
    }

    @Test
    void should_keep_comment_syntax_inside_code_as_written() {
        String md = "# HTML comments\n\nWrite `<!-- note -->` in a page.\n\n```html\n<!-- kept -->\n```\n";

        List<Section> sections = MarkdownParser.sections(md);

        assertThat(sections).singleElement().extracting(Section::text).asString()
                .contains("`<!-- note -->`").contains("<!-- kept -->");
    }

    @Test
    void should_not_take_a_heading_inside_a_comment_for_a_section() {
        String md = "# Returns\n\nWithin 7 days.\n<!--\n# Old policy\n30 days\n-->\n";

        List<Section> sections = MarkdownParser.sections(md);

        assertThat(sections).singleElement().extracting(Section::text).asString()
                .contains("Within 7 days.").doesNotContain("30 days");
    }
}
