package dev.baton.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.baton.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton ask} and {@code baton index} as the README tour uses them: beside a running server (which holds the
 * index's write lock) and with a config whose channel secrets are not set in this shell.
 */
class KnowledgeCommandsTest {

    @TempDir
    Path dir;

    private Path knowledge;
    private Path cfg;
    private Level rootLevel;

    @BeforeEach
    void setUp() throws Exception {
        knowledge = Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(knowledge.resolve("returns.md"), """
                # 怎么退货？
                进入“我的订单”，找到要退的商品，点击“申请售后”。

                # 退款多久到账？
                审核通过后 1-3 个工作日原路退回。
                """);
        cfg = config(knowledge);
        rootLevel = root().getLevel();
    }

    @AfterEach
    void restoreLogLevels() {
        root().setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger(KnowledgeBase.class)).setLevel(null);
    }

    private Path config(Path folder) throws Exception {
        Path file = dir.resolve("baton-" + folder.getFileName() + ".yaml");
        Files.writeString(file, """
                knowledge: { folder: "%s", index-dir: "%s", watch: false }
                channels:
                  whatsapp:
                    phone-number-id: "1234567890"
                    access-token: ${BATON_TEST_UNSET_WHATSAPP_TOKEN}
                    app-secret: ${BATON_TEST_UNSET_WHATSAPP_SECRET}
                    verify-token: ${BATON_TEST_UNSET_WHATSAPP_VERIFY}
                """.formatted(folder.toString().replace('\\', '/'), dir.resolve("index").toString().replace('\\', '/')));
        return file;
    }

    /** The index as a running Baton holds it: open for writing, synced. */
    private KnowledgeBase server() throws Exception {
        KnowledgeBase kb = KnowledgeBase.open(KnowledgeConfig.defaults(knowledge, dir.resolve("index")).withWatch(false),
                KnowledgeBase.defaultEmbedders());
        kb.sync();
        return kb;
    }

    @Test
    void should_answer_ask_and_index_while_a_server_holds_the_index() throws Exception {
        try (KnowledgeBase server = server()) {
            CliTest.Run ask = run("ask", "钱多久能退回来", "--config", cfg.toString());

            assertThat(ask.code()).as(ask.err()).isZero();
            assertThat(ask.out()).contains("returns.md").contains("退款多久到账");
            assertThat(ask.err()).contains("a running Baton holds the index").doesNotContain("Lock");

            CliTest.Run upToDate = run("index", "--config", cfg.toString());
            assertThat(upToDate.code()).as(upToDate.err()).isZero();
            assertThat(upToDate.out()).contains("a running Baton holds the index").contains("up to date: 2 entries");

            Files.writeString(knowledge.resolve("invoices.md"), "# 发票怎么开？\n在订单详情页申请电子发票。\n");
            CliTest.Run pending = run("index", "--config", cfg.toString());
            assertThat(pending.code()).isZero();
            assertThat(pending.out()).contains("+ invoices.md  (not indexed yet)");
            assertThat(server.size()).isEqualTo(2); // the command never wrote to the server's index
        }
    }

    @Test
    void should_index_and_ask_without_the_channels_secrets_when_no_server_runs() {
        CliTest.Run index = run("index", "--config", cfg.toString());
        CliTest.Run ask = run("ask", "怎么退货", "--config", cfg.toString());

        assertThat(index.code()).as(index.err()).isZero();
        assertThat(index.out()).contains("+ returns.md");
        assertThat(ask.code()).as(ask.err()).isZero();
        assertThat(ask.out()).contains("returns.md#怎么退货");
    }

    @Test
    void should_print_the_index_summary_once() {
        root().setLevel(Level.INFO); // as the shipped logback.xml has it

        CliTest.Run index = run("index", "--config", cfg.toString());

        String all = index.out() + index.err();
        assertThat(all.split("entries total", -1)).as(all).hasSize(2);
    }

    @Test
    void should_refuse_to_index_a_missing_folder_and_keep_the_index() throws Exception {
        try (KnowledgeBase server = server()) {
            assertThat(server.size()).isEqualTo(2);
        }
        Path missing = dir.resolve("knowlege");

        CliTest.Run index = run("index", "--config", config(missing).toString());

        assertThat(index.code()).isEqualTo(1);
        assertThat(index.err().strip().lines()).hasSize(1);
        assertThat(index.err()).contains(missing.toString()).contains("does not exist").contains("keeps its 2 entries");
        assertThat(missing).doesNotExist();
        CliTest.Run ask = run("ask", "怎么退货", "--config", config(missing).toString());
        assertThat(ask.out()).contains("returns.md#怎么退货");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
