package dev.baton.app.cli;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line as an operator meets it: help everywhere, where {@code serve} listens, guessable secrets. */
class CliTest {

    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one in-process run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest(name = "baton {0} --help")
    @ValueSource(strings = {"serve", "chat", "index", "ask", "eval", "eval retrieval", "eval triage",
            "eval sentiment", "hash-password"})
    void should_show_usage_when_any_command_gets_help(String command) {
        String[] words = (command + " --help").split(" ");

        Run r = run(words);

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: baton " + command).contains("--help");
        assertThat(r.err()).doesNotContain("Unknown option");
    }

    @Test
    void should_list_the_listen_options_in_serve_help() {
        assertThat(run("serve", "--help").out()).contains("--port=N").contains("--host=ADDRESS");
    }

    @Test
    void should_listen_where_the_command_line_says_over_the_config() throws Exception {
        Path cfg = config("server: { port: 8080, host: 127.0.0.1 }\n");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--config", cfg.toString(), "--port", "9123", "--host", "0.0.0.0");

        BatonConfig.Server server = serve.effectiveConfig().config().server();

        assertThat(server.port()).isEqualTo(9123);
        assertThat(server.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void should_keep_the_configs_address_without_flags() throws Exception {
        Path cfg = config("server: { port: 8181, host: 127.0.0.1 }\n");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--config", cfg.toString());

        BatonConfig.Server server = serve.effectiveConfig().config().server();

        assertThat(server.port()).isEqualTo(8181);
        assertThat(server.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void should_refuse_a_port_out_of_range_in_one_line() throws Exception {
        Run r = run("serve", "--config", config("").toString(), "--port", "70000");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("server.port").contains("70000").contains("--port");
    }

    @ParameterizedTest(name = "api-token: {0}")
    @ValueSource(strings = {"change-me", "CHANGEME", "secret", "short-but-random-7f3k"})
    void should_refuse_a_guessable_integration_token_at_start_up(String token) throws Exception {
        Run r = run("serve", "--config", config("inbox: { api-token: \"" + token + "\" }\n").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("baton: config error in").contains("inbox.api-token").contains("24");
        if (token.length() > 10) {
            assertThat(r.err()).doesNotContain(token); // a real (if short) token is not repeated
        }
    }

    @Test
    void should_draw_a_random_token_for_the_bundled_demo_unless_one_is_set() {
        ConfigSource.Loaded first = ConfigSource.bundled(Map.<String, String>of()::get, false);
        ConfigSource.Loaded second = ConfigSource.bundled(Map.<String, String>of()::get, false);

        assertThat(first.apiTokenToShow()).get().asString().hasSizeGreaterThanOrEqualTo(24);
        assertThat(first.config().inbox().apiToken()).isEqualTo(first.apiTokenToShow().orElseThrow());
        assertThat(second.apiTokenToShow()).isNotEqualTo(first.apiTokenToShow());

        String chosen = "an-operator-chosen-token-0123456789";
        ConfigSource.Loaded set = ConfigSource.bundled(Map.of("BATON_API_TOKEN", chosen)::get, false);
        assertThat(set.apiTokenToShow()).isEmpty();
        assertThat(set.config().inbox().apiToken()).isEqualTo(chosen);
    }

    @Test
    void should_keep_the_bundled_demo_on_this_machine_unless_told_otherwise() {
        ConfigSource.Loaded demo = ConfigSource.bundled(Map.<String, String>of()::get, false);

        assertThat(demo.config().server().host()).isEqualTo("127.0.0.1");
        assertThat(ServeCommand.url(demo.config().server().host(), 8080)).isEqualTo("http://localhost:8080");
    }

    @Test
    void should_refuse_the_published_demo_password_on_every_interface() {
        ConfigSource.Loaded demo = ConfigSource.bundled(Map.<String, String>of()::get, false);

        assertThatThrownBy(() -> demo.listeningOn(null, "0.0.0.0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("inbox.agents[0].password").hasMessageContaining("BATON_DEMO_PASSWORD")
                .hasMessageContaining("--port/--host");
        ConfigSource.Loaded own = ConfigSource.bundled(Map.of("BATON_DEMO_PASSWORD", "a-password-of-my-own")::get,
                false);
        assertThat(own.listeningOn(null, "0.0.0.0").config().server().host()).isEqualTo("0.0.0.0");
    }

    private Path config(String yaml) throws Exception {
        Path cfg = dir.resolve("baton.yaml");
        Files.writeString(cfg, yaml);
        return cfg;
    }
}
