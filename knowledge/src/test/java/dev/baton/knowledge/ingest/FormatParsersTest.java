package dev.baton.knowledge.ingest;

import dev.baton.knowledge.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class FormatParsersTest {

    private final DocumentParsers parsers = DocumentParsers.standard();

    private List<KnowledgeEntry> parse(String resource, String relPath) throws IOException {
        Path file = Fixtures.resource(resource);
        return parsers.forFile(relPath).orElseThrow().parse(file, relPath);
    }

    @Test
    void should_read_id_question_answer_and_similar_when_csv_is_an_faq_table() throws Exception {
        List<KnowledgeEntry> entries = parse("shop/products.csv", "products.csv");

        assertThat(entries).extracting(KnowledgeEntry::id, KnowledgeEntry::similar)
                .containsExactly(
                        tuple("p-warranty", List.of("X200 保修期", "耳机坏了能免费修吗")),
                        tuple("p-charge", List.of("X200 充不进电", "耳机充电要多久")),
                        tuple("products.csv#q-" + FaqTable.questionHash("How do I reset the X200 headphones?"),
                                List.of("factory reset X200", "X200 not pairing")));
        assertThat(entries.get(0).citation().display()).isEqualTo("products.csv row 2");
        assertThat(entries.get(2).citation().row()).isEqualTo(4);
        assertThat(entries.get(2).answer()).startsWith("Hold both touch panels");
    }

    @Test
    void should_fail_with_a_reason_when_csv_lacks_the_answer_column() {
        assertThatThrownBy(() -> parse("formats/no-answer-column.csv", "no-answer-column.csv"))
                .hasMessageContaining("question and answer");
    }

    @Test
    void should_read_every_faq_sheet_with_sheet_name_as_category_when_xlsx_has_several_sheets() throws Exception {
        List<KnowledgeEntry> entries = parse("shop/membership-faq.xlsx", "membership-faq.xlsx");

        assertThat(entries).extracting(KnowledgeEntry::question, KnowledgeEntry::category, e -> e.citation().row())
                .containsExactly(
                        tuple("会员卡可以转让吗？", "会员", 2),
                        tuple("积分怎么查？", "会员", 3),
                        tuple("可以指定送货时间吗？", "配送", 4));
        assertThat(entries.get(0).id()).isEqualTo("m-transfer");
        assertThat(entries.get(0).similar()).containsExactly("能把会员给家人用吗", "会员可以送人吗");
        assertThat(entries.get(1).id()).startsWith("membership-faq.xlsx#q-");
    }

    @Test
    void should_cite_the_page_when_pdf_is_parsed() throws Exception {
        List<KnowledgeEntry> entries = parse("formats/manual.pdf", "manual.pdf");

        assertThat(entries).extracting(KnowledgeEntry::id).containsExactly("manual.pdf#p-1", "manual.pdf#p-2");
        assertThat(entries.get(0).answer()).contains("one-year limited warranty");
        assertThat(entries.get(1).citation().display()).isEqualTo("manual.pdf › p. 2");
    }

    @Test
    void should_use_heading_styles_and_table_rows_when_docx_is_parsed() throws Exception {
        List<KnowledgeEntry> entries = parse("formats/policy.docx", "policy.docx");

        assertThat(entries).extracting(KnowledgeEntry::id, KnowledgeEntry::kind)
                .containsExactly(
                        tuple("policy.docx#隐私政策", KnowledgeEntry.Kind.SECTION),
                        tuple("policy.docx#数据保存多久", KnowledgeEntry.Kind.FAQ));
        assertThat(entries.get(1).category()).isEqualTo("隐私政策");
        assertThat(entries.get(1).answer()).contains("订单数据保存三年").contains("订单 | 三年");
    }

    @Test
    void should_drop_scripts_and_navigation_when_html_is_parsed() throws Exception {
        List<KnowledgeEntry> entries = parse("formats/help.html", "help.html");

        assertThat(entries).extracting(KnowledgeEntry::id)
                .containsExactly("help.html#忘记密码怎么办", "help.html#account-security");
        assertThat(entries.get(0).category()).isEqualTo("账户");
        assertThat(entries.get(0).answer()).isEqualTo("在登录页点击忘记密码，通过手机验证码重置。");
        assertThat(entries.get(1).answer()).contains("two-factor").contains("Never share your code.");
        assertThat(entries).noneMatch(e -> e.answer().contains("secret") || e.answer().contains("首页"));
    }

    @Test
    void should_decode_gb18030_and_split_paragraphs_when_text_is_not_utf8() throws Exception {
        List<KnowledgeEntry> entries = parse("formats/hours-gbk.txt", "hours-gbk.txt");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("hours-gbk.txt#top");
            assertThat(e.question()).isEqualTo("hours-gbk");
            assertThat(e.answer()).contains("营业时间").contains("400-123-4567");
            assertThat(e.citation().display()).isEqualTo("hours-gbk.txt");
        });
    }

    @Test
    void should_throw_when_pdf_is_corrupt() {
        assertThatThrownBy(() -> parse("formats/broken.pdf", "broken.pdf")).isInstanceOf(IOException.class);
    }

    @Test
    void should_skip_drafts_hidden_and_unsupported_files_when_scanning_a_folder() throws Exception {
        var files = new FolderScanner(parsers).scan(Fixtures.resource("shop"));

        assertThat(files.keySet()).containsExactly("faq/after-sales-faq.md", "guide/membership.md", "guide/warehouse.md",
                "membership-faq.xlsx", "products.csv");
    }
}
