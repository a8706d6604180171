package dev.baton.app.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.app.BatonRuntime;
import dev.baton.app.config.ConfigLoader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Baton started for an evaluation, the way {@code baton serve} starts it ({@link BatonRuntime}), on a free port of
 * 127.0.0.1, with <b>default settings</b> unless a config file is given: an H2 database in a temporary folder, the
 * index in that folder too (or in {@code indexDir}, to reuse one between runs), the given knowledge folder (not
 * watched), the offline agent, the dev channel on, the built-in inbox with a random integration token.
 *
 * <p>With a config file, its settings (handoff, triage, messages, llm, inbox groups and customers, engine, …) are
 * used and only what the evaluation needs is replaced: server address, storage, knowledge folder and index, the
 * inbox kind and token, and the channels (the dev channel alone, so that nothing reaches a real platform). The
 * overlay is done on the YAML keys, the public config surface, so it follows the config without knowing its types.
 */
public final class EvalBaton implements AutoCloseable {

    private final BatonRuntime runtime;
    private final Path tempDir;
    private final String apiToken;

    private EvalBaton(BatonRuntime runtime, Path tempDir, String apiToken) {
        this.runtime = runtime;
        this.tempDir = tempDir;
        this.apiToken = apiToken;
    }

    /**
     * Starts Baton and waits until its knowledge is indexed.
     *
     * @param knowledge the knowledge folder to answer from
     * @param config    a baton.yaml whose settings to use, or {@code null} for the defaults
     * @param indexDir  where to keep the index (reused when it is up to date), or {@code null} for a temporary one
     */
    public static EvalBaton start(Path knowledge, Path config, Path indexDir) {
        if (!Files.isDirectory(knowledge)) {
            throw new IllegalArgumentException("knowledge folder " + knowledge + " is not a folder");
        }
        ConfigLoader loader = ConfigLoader.fromSystemEnv();
        ObjectNode tree;
        if (config != null) {
            loader.load(config); // reports a bad config with its key and fix before anything starts
            tree = readYaml(config);
        } else {
            tree = YAML.createObjectNode();
        }
        Path temp;
        try {
            temp = Files.createTempDirectory("baton-eval-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String token = randomToken();
        Path index = indexDir != null ? indexDir : temp.resolve("index");
        overlay(tree, knowledge, index, temp.resolve("db"), token);
        try {
            byte[] yaml = YAML.writeValueAsBytes(tree);
            BatonRuntime rt = BatonRuntime.start(loader.load(new ByteArrayInputStream(yaml),
                    config != null ? config + " (for the evaluation)" : "evaluation defaults"));
            return new EvalBaton(rt, temp, token);
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Replaces, in a config tree, what an evaluation must own; everything else stays as configured. */
    static void overlay(ObjectNode tree, Path knowledge, Path indexDir, Path dbDir, String token) {
        ObjectNode server = object(tree, "server");
        server.put("port", 0);
        server.put("host", "127.0.0.1");
        ObjectNode storage = tree.putObject("storage");
        storage.put("url", "jdbc:h2:file:" + dbDir.toAbsolutePath().resolve("baton").toString().replace('\\', '/'));
        ObjectNode k = object(tree, "knowledge");
        k.put("folder", knowledge.toAbsolutePath().toString());
        k.put("index-dir", indexDir.toAbsolutePath().toString());
        k.put("watch", false);
        ObjectNode inbox = object(tree, "inbox");
        inbox.put("kind", "builtin");
        inbox.remove("webhook");
        inbox.put("api-token", token);
        JsonNode replyTimeout = tree.path("channels").path("dev").path("reply-timeout");
        ObjectNode dev = tree.putObject("channels").putObject("dev");
        dev.put("enabled", true);
        if (!replyTimeout.isMissingNode()) {
            dev.set("reply-timeout", replyTimeout);
        }
    }

    private static ObjectNode object(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        return n instanceof ObjectNode o ? o : parent.putObject(key);
    }

    private static ObjectNode readYaml(Path config) {
        try {
            JsonNode n = YAML.readTree(config.toFile());
            return n instanceof ObjectNode o ? o : YAML.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return "eval-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A client for this Baton's dev channel and REST API. */
    public BatonHttp client() {
        return new BatonHttp("http://127.0.0.1:" + runtime.port(), apiToken);
    }

    @Override
    public void close() {
        runtime.close();
        deleteTree(tempDir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing the evaluation for
        }
    }
}
