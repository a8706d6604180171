package dev.baton.core.knowledge;

import dev.baton.core.config.BotMessages;
import dev.baton.core.config.Localized;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CitationStyleTest {

    private static final Localized LABEL = BotMessages.defaults().sourceLabel();
    private static final KnowledgeAnswer RETURNS = new KnowledgeAnswer("退换货-faq.md#怎么退货", "怎么退货？",
            "进入“我的订单”，点击“申请售后”。", "退换货-faq.md › 怎么退货？", 0.9, true, "怎么退货？", "售后服务 / 退货");
    private static final KnowledgeAnswer RETURNS_EN = new KnowledgeAnswer("faq.csv#r2", "How do I return an item?",
            "Open My orders.", "en/returns-faq.xlsx row 2", 0.9, true, "How do I return an item?", "");
    private static final KnowledgeAnswer FEES = new KnowledgeAnswer("shipping.md#fees", "**Delivery** fees",
            "¥3 within 2 km.", "shipping.md › Delivery fees", 0.8, true, "**Delivery** `fees`", "Shipping");
    private static final KnowledgeAnswer PDF_PAGE = new KnowledgeAnswer("manual.pdf#p-3", "p. 3", "…",
            "manual.pdf › p. 3", 0.8, true, "", "");

    @Test
    void should_cite_the_entry_title_without_file_name_or_extension_when_the_style_is_title() {
        String reply = CitationStyle.title().append(RETURNS.answer(), List.of(RETURNS), "zh", LABEL);

        assertThat(reply).isEqualTo("进入“我的订单”，点击“申请售后”。\n\n来源：怎么退货？");
        assertThat(CitationStyle.title().line(List.of(RETURNS_EN), "en", LABEL)).isEqualTo("Source: How do I return an item?");
    }

    @Test
    void should_name_each_entry_once_when_an_answer_uses_it_twice() {
        String line = CitationStyle.title().line(List.of(RETURNS, FEES, RETURNS), "en", LABEL);

        assertThat(line).isEqualTo("Source: 怎么退货？; Delivery fees");
    }

    @Test
    void should_not_add_the_line_again_when_the_answer_already_carries_it() {
        String once = CitationStyle.title().append("Open My orders.", List.of(RETURNS_EN), "en", LABEL);

        assertThat(CitationStyle.title().append(once, List.of(RETURNS_EN), "en", LABEL)).isEqualTo(once);
    }

    @Test
    void should_add_nothing_when_the_style_is_none_or_the_entry_has_no_title_of_its_own() {
        assertThat(CitationStyle.none().append("Open My orders.", List.of(RETURNS_EN), "en", LABEL))
                .isEqualTo("Open My orders.");
        assertThat(CitationStyle.title().append("See the manual.", List.of(PDF_PAGE), "en", LABEL))
                .isEqualTo("See the manual.");
    }

    @Test
    void should_fill_title_section_and_label_in_the_customers_language_when_the_style_is_a_template() {
        CitationStyle style = CitationStyle.of(Localized.fromMap(Map.of("zh", "📖 {section}：{title}", "en",
                "{label}{title} ({section})")));

        assertThat(style.line(List.of(RETURNS), "zh", LABEL)).isEqualTo("📖 售后服务 / 退货：怎么退货？");
        assertThat(style.line(List.of(FEES, FEES), "en", LABEL)).isEqualTo("Source: Delivery fees (Shipping)");
    }

    @Test
    void should_read_title_none_or_a_template_from_the_config_and_refuse_a_template_without_placeholders() {
        assertThat(CitationStyle.of(null).line(List.of(RETURNS_EN), "en", LABEL)).isEqualTo("Source: How do I return an item?");
        assertThat(CitationStyle.of(Localized.fromString("none")).line(List.of(RETURNS_EN), "en", LABEL)).isEmpty();
        assertThat(CitationStyle.of(Localized.fromString("Title")).line(List.of(RETURNS_EN), "en", LABEL))
                .isEqualTo("Source: How do I return an item?");
        assertThat(CitationStyle.problem(Localized.fromString("see {title}"))).isEmpty();
        assertThat(CitationStyle.problem(Localized.fromString("titel"))).hasValueSatisfying(p -> assertThat(p)
                .contains("title, none, or a template"));
    }
}
