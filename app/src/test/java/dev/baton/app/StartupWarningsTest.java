package dev.baton.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What `baton serve` warns about at start-up, as an operator reads it in the log. */
class StartupWarningsTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void release() {
        root().detachAppender(logs);
    }

    @Test
    void should_warn_about_a_missing_folder_and_keep_the_index_it_would_have_emptied() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(folder.resolve("returns.md"), "# 怎么退货？\n点击“申请售后”。\n\n# 退款多久到账？\n1-3 个工作日。\n");
        try (BatonRuntime rt = BatonRuntime.start(config(folder, ""))) {
            assertThat(rt.knowledge().size()).isEqualTo(2);
        }
        Path missing = dir.resolve("knowlege"); // a typo in knowledge.folder, or a folder being replaced

        try (BatonRuntime rt = BatonRuntime.start(config(missing, ""))) {
            assertThat(rt.knowledge().size()).as("entries kept").isEqualTo(2);
            assertThat(rt.knowledge().search("钱多久退回来", 1).hits()).isNotEmpty();
        }

        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains(missing.toAbsolutePath().toString())
                .contains("does not exist").contains("keeps its 2 entries"));
        assertThat(missing).as("not created as an empty folder").doesNotExist();
    }

    @Test
    void should_warn_when_the_folder_has_no_document() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("knowledge"));

        try (BatonRuntime rt = BatonRuntime.start(config(empty, ""))) {
            assertThat(rt.knowledge().size()).isZero();
        }

        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains(empty.toAbsolutePath().toString())
                .contains("no document"));
        assertThat(warnings()).noneMatch(w -> w.contains("dev channel"));
    }

    @Test
    void should_warn_when_the_dev_channel_is_on_next_to_a_real_channel() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(folder.resolve("returns.md"), "# 怎么退货？\n点击“申请售后”。\n");
        String whatsapp = """
                  whatsapp:
                    phone-number-id: "1234567890"
                    access-token: test-access-token
                    app-secret: test-app-secret
                    verify-token: test-verify-token
                    api-base-url: http://127.0.0.1:9
                """;

        try (BatonRuntime rt = BatonRuntime.start(config(folder, whatsapp))) {
            assertThat(rt.port()).isPositive();
        }

        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("dev channel is on next to whatsapp")
                .contains("channels.dev.enabled: false"));
    }

    private BatonConfig config(Path folder, String moreChannels) {
        String yaml = """
                server: { port: 0 }
                storage: { url: "jdbc:h2:mem:warnings-%s;DB_CLOSE_DELAY=-1" }
                knowledge: { folder: "%s", index-dir: "%s" }
                channels:
                  dev: { enabled: true }
                %s""".formatted(UUID.randomUUID(), folder.toString().replace('\\', '/'),
                dir.resolve("index").toString().replace('\\', '/'), moreChannels);
        return new ConfigLoader(k -> null).load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
