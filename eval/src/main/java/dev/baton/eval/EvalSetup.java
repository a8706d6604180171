package dev.baton.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The config a Baton gets for an evaluation, with <b>default settings</b> unless a config file is given: an H2
 * database in a temporary folder, the index in that folder too (or in {@code indexDir}, to reuse one between runs),
 * the given knowledge folder (not watched), the offline agent, the dev channel on, the built-in inbox with a random
 * integration token, on a free port of 127.0.0.1.
 *
 * <p>With a config file, its settings (handoff, triage, messages, llm, inbox groups and customers, engine, …) are
 * used and only what the evaluation needs is replaced: server address, storage, knowledge folder and index, the
 * inbox kind and token, and the channels (the dev channel alone, so that nothing reaches a real platform). The
 * overlay is done on the YAML keys, the public config surface, so it follows the config without knowing its types.
 * Closing the setup deletes its temporary folder.
 */
public final class EvalSetup implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path tempDir;
    private final String apiToken;
    private final byte[] yaml;
    private final String origin;

    private EvalSetup(Path tempDir, String apiToken, byte[] yaml, String origin) {
        this.tempDir = tempDir;
        this.apiToken = apiToken;
        this.yaml = yaml;
        this.origin = origin;
    }

    /**
     * Writes the evaluation's config.
     *
     * @param knowledge the knowledge folder to answer from
     * @param config    a baton.yaml whose settings to use, or {@code null} for the defaults
     * @param indexDir  where to keep the index (reused when it is up to date), or {@code null} for a temporary one
     */
    public static EvalSetup prepare(Path knowledge, Path config, Path indexDir) {
        if (!Files.isDirectory(knowledge)) {
            throw new IllegalArgumentException("knowledge folder " + knowledge + " is not a folder");
        }
        ObjectNode tree = config != null ? readYaml(config) : YAML.createObjectNode();
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
            return new EvalSetup(temp, token, YAML.writeValueAsBytes(tree),
                    config != null ? config + " (for the evaluation)" : "evaluation defaults");
        } catch (IOException e) {
            deleteTree(temp);
            throw new UncheckedIOException(e);
        }
    }

    /** The config to start Baton with, as YAML. */
    public byte[] yaml() {
        return yaml.clone();
    }

    /** Where the config comes from, for error messages. */
    public String origin() {
        return origin;
    }

    /** A client for the dev channel and REST API of the Baton started with this config on {@code port}. */
    public BatonHttp client(int port) {
        return new BatonHttp("http://127.0.0.1:" + port, apiToken);
    }

    @Override
    public void close() {
        deleteTree(tempDir);
    }

    /** Replaces, in a config tree, what an evaluation must own; everything else stays as configured. */
    public static void overlay(ObjectNode tree, Path knowledge, Path indexDir, Path dbDir, String token) {
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing the evaluation for
        }
    }
}
