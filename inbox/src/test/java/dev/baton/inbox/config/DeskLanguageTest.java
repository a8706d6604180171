package dev.baton.inbox.config;

import dev.baton.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The agents' language: inbox.language, else the language the business's knowledge is written in. */
class DeskLanguageTest {

    @TempDir
    Path dir;

    private static InboxConfig withLanguage(String language) {
        return new InboxConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, language,
                null, null);
    }

    @Test
    void should_take_the_configured_language() throws IOException {
        Files.writeString(dir.resolve("faq.md"), "# 怎么退货？\n\n签收后 7 天内可以申请退货。\n");

        assertThat(DeskLanguage.resolve(withLanguage("en"), dir)).isEqualTo(new DeskLanguage("en", "inbox.language"));
        assertThat(DeskLanguage.resolve(withLanguage(" ZH "), dir).code()).isEqualTo("zh");
    }

    @Test
    void should_read_the_business_language_from_its_knowledge_folder() throws IOException {
        Files.writeString(dir.resolve("退换货-faq.md"), "# 怎么退货？\n\n签收后 7 天内可以在“我的订单”里申请退货，"
                + "选择退货原因后提交。\n\n# 退款多久到账？\n\n验货后 1–2 个工作日内发起退款。\n");
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/returns.md"), "# How do I return an item?\n\nOpen My orders, choose the "
                + "order and tap Return within 7 days.\n");

        assertThat(DeskLanguage.resolve(InboxConfig.defaults(), dir))
                .isEqualTo(new DeskLanguage("zh", "the knowledge folder's language"));
    }

    @Test
    void should_leave_drafts_hidden_files_and_binaries_out_and_default_to_english() throws IOException {
        Path english = Files.createDirectories(dir.resolve("en"));
        Files.writeString(english.resolve("shipping.md"), "# Where do you ship?\n\nWe ship to Hong Kong SAR.\n");
        Files.createDirectories(dir.resolve("_drafts"));
        Files.writeString(dir.resolve("_drafts/draft.md"), "# 草稿\n\n这是一份还没有审核的中文草稿，内容很长很长很长。\n".repeat(20));
        Files.writeString(dir.resolve(".notes.md"), "中文笔记".repeat(50));
        Files.write(dir.resolve("manual.pdf"), "中文说明书".repeat(50).getBytes());

        assertThat(DeskLanguage.resolve(InboxConfig.defaults(), dir).code()).isEqualTo("en");
        assertThat(DeskLanguage.resolve(InboxConfig.defaults(), dir.resolve("missing")))
                .isEqualTo(new DeskLanguage("en", "default: no text in the knowledge folder"));
    }

    @Test
    void should_refuse_a_language_the_inbox_is_not_written_in() {
        ConfigProblems problems = new ConfigProblems();
        withLanguage("fr").validate("inbox", problems);

        assertThat(problems.all()).singleElement().asString().contains("inbox.language").contains("must be zh or en");
    }
}
