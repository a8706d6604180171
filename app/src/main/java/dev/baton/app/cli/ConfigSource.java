package dev.baton.app.cli;

import dev.baton.app.config.BatonConfig;
import dev.baton.app.config.ConfigLoader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the config: {@code --config FILE}, else {@code ./baton.yaml}, else the bundled example config (dev channel
 * on, the example shop's knowledge, H2 under {@code ./data}). With the bundled config and no
 * {@code ./examples/shop/knowledge} folder, the bundled example knowledge is copied to {@code ./data/example-knowledge}.
 */
public final class ConfigSource {

    public static final String EXAMPLE = "/baton/baton.example.yaml";

    private ConfigSource() {
    }

    /** The loaded config and where it came from. */
    public record Loaded(BatonConfig config, String source, boolean bundledExample) {
    }

    public static Loaded load(Path explicit) {
        ConfigLoader loader = ConfigLoader.fromSystemEnv();
        if (explicit != null) {
            return new Loaded(loader.load(explicit), explicit.toString(), false);
        }
        Path local = Path.of("baton.yaml");
        if (Files.exists(local)) {
            return new Loaded(loader.load(local), local.toString(), false);
        }
        String yaml = ConfigLoader.resource(EXAMPLE);
        BatonConfig cfg = loader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "bundled baton.example.yaml");
        if (!Files.isDirectory(cfg.knowledge().folder())) {
            Path extracted = Path.of("data", "example-knowledge");
            try {
                if (!Files.isDirectory(extracted)) {
                    dev.baton.app.ExampleKnowledge.extractTo(extracted);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BatonConfig.Knowledge k = cfg.knowledge();
            cfg = new BatonConfig(cfg.server(), cfg.storage(), k.withFolder(extracted), cfg.llm(), cfg.handoff(), cfg.triage(), cfg.inbox(), cfg.channels(), cfg.messages(),
                    cfg.engine());
        }
        return new Loaded(cfg, "bundled baton.example.yaml", true);
    }
}
