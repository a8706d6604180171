package dev.baton.app.cli;

import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void should_print_one_clear_line_and_no_stack_trace_for_a_malformed_config(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("baton.yaml");
        Files.writeString(cfg, "knowledge:\n  foldr: ./docs\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("index", "--config", cfg.toString());
        } finally {
            System.setErr(old);
        }
        String out = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).isEqualTo(2);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("baton: config error in").contains("knowledge.foldr")
                .contains("did you mean folder?")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void should_switch_off_djls_call_home_before_any_command_runs() {
        // as in `java -jar baton.jar …`: no system property set by a build
        System.clearProperty("ai.djl.offline");
        System.clearProperty("OPT_OUT_TRACKING");
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            code = Main.run("--version");
        } finally {
            System.setOut(old);
        }

        assertThat(code).isZero();
        // what DJL's Ec2Utils.callHome asks before it calls 169.254.169.254 when a tokenizer is created
        assertThat(Utils.isOfflineMode()).isTrue();
        assertThat(Boolean.parseBoolean(Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING"))).isTrue();
    }
}
