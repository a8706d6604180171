package dev.baton.app.cli;

import dev.baton.app.ExampleKnowledge;
import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ConfigLoader;
import dev.baton.core.config.ConfigProblems;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds the config: {@code --config FILE}, else {@code ./baton.yaml}, else the bundled example config (dev channel
 * on, the example shop's knowledge, H2 under {@code ./data}, listening on 127.0.0.1 only). With the bundled config
 * and no {@code ./examples/shop/knowledge} folder, the bundled example knowledge is copied to
 * {@code ./data/example-knowledge}. The bundled config's integration token comes from {@code BATON_API_TOKEN}, or is
 * drawn at random for this run (a known placeholder would make anyone a supervisor).
 */
public final class ConfigSource {

    public static final String EXAMPLE = "/baton/baton.example.yaml";
    static final String API_TOKEN_VARIABLE = "BATON_API_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConfigSource() {
    }

    /**
     * The loaded config and where it came from.
     *
     * @param generatedApiToken the integration token drawn for this run of the bundled demo, else null
     */
    public record Loaded(BatonConfig config, String source, boolean bundledExample, String generatedApiToken) {

        /** The token to show the operator once, when this run drew one. */
        public Optional<String> apiTokenToShow() {
            return Optional.ofNullable(generatedApiToken);
        }

        /**
         * This config listening on {@code port} and {@code host} where they are not null ({@code serve --port/--host}
         * win over the file), validated again.
         */
        public Loaded listeningOn(Integer port, String host) {
            if (port == null && host == null) {
                return this;
            }
            BatonConfig moved = config.withServer(config.server().listening(port, host));
            ConfigProblems problems = new ConfigProblems();
            moved.validate("", problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(source + " with --port/--host", problems.all());
            }
            return new Loaded(moved, source, bundledExample, generatedApiToken);
        }
    }

    /** The whole config, for the commands that run Baton (serve, chat, eval). */
    public static Loaded load(Path explicit) {
        return load(explicit, System::getenv, false);
    }

    /**
     * The {@code knowledge:} section only, for {@code baton ask} and {@code baton index}: they run beside a server
     * and must not need its channel secrets.
     */
    public static Loaded loadKnowledge(Path explicit) {
        return load(explicit, System::getenv, true);
    }

    static Loaded load(Path explicit, UnaryOperator<String> env, boolean knowledgeOnly) {
        ConfigLoader loader = new ConfigLoader(env);
        if (knowledgeOnly) {
            loader = loader.onlySections("knowledge");
        }
        if (explicit != null) {
            return new Loaded(loader.load(explicit), explicit.toString(), false, null);
        }
        Path local = Path.of("baton.yaml");
        if (Files.exists(local)) {
            return new Loaded(loader.load(local), local.toString(), false, null);
        }
        Loaded bundled = bundled(env, knowledgeOnly);
        BatonConfig cfg = bundled.config();
        if (!Files.isDirectory(cfg.knowledge().folder())) {
            Path extracted = Path.of("data", "example-knowledge");
            try {
                if (!Files.isDirectory(extracted)) {
                    ExampleKnowledge.extractTo(extracted);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BatonConfig.Knowledge k = cfg.knowledge();
            cfg = cfg.withKnowledge(k.withFolder(extracted));
        }
        return new Loaded(cfg, bundled.source(), true, bundled.generatedApiToken());
    }

    /** The bundled example config as is (knowledge folder not checked), with a token drawn when none is set. */
    static Loaded bundled(UnaryOperator<String> env, boolean knowledgeOnly) {
        String set = env.apply(API_TOKEN_VARIABLE);
        String drawn = set == null || set.isEmpty() ? randomToken() : null;
        UnaryOperator<String> demoEnv = name -> API_TOKEN_VARIABLE.equals(name) && drawn != null ? drawn
                : env.apply(name);
        ConfigLoader loader = new ConfigLoader(demoEnv);
        if (knowledgeOnly) {
            loader = loader.onlySections("knowledge");
        }
        String yaml = ConfigLoader.resource(EXAMPLE);
        BatonConfig cfg = loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "bundled baton.example.yaml");
        return new Loaded(cfg, "bundled baton.example.yaml", true, knowledgeOnly ? null : drawn);
    }

    /** 32 hex characters (128 bits) from a {@link SecureRandom}. */
    static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
