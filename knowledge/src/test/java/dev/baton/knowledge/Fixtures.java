package dev.baton.knowledge;

import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.knowledge.embed.Embedders;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test fixtures: resource folders and the shared in-process embedding models (loading one takes about a second). */
public final class Fixtures {

    private static EmbeddingModel model;
    private static Embedders embedders;

    private Fixtures() {
    }

    public static synchronized EmbeddingModel model() {
        if (model == null) {
            model = KnowledgeBase.defaultEmbeddingModel();
        }
        return model;
    }

    /** The production pair: the shared Chinese model and the English one (loaded at its first use, once). */
    public static synchronized Embedders embedders() {
        if (embedders == null) {
            embedders = Embedders.of(model(), InProcessEmbeddings.lazyBgeSmallEnQuantized());
        }
        return embedders;
    }

    /** A folder under {@code src/test/resources/knowledge/}. */
    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/knowledge/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a fixture folder (hidden files and drafts included) into {@code target}. */
    public static Path copy(String name, Path target) {
        Path source = resource(name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
