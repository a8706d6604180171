package dev.baton.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example shop's knowledge folder is bundled in the jar, so {@code java -jar baton.jar} works anywhere: when
 * the configured folder is missing and the bundled example config is in use, the folder is copied out once.
 */
public final class ExampleKnowledge {

    static final String RESOURCE = "/baton/example-knowledge";

    private ExampleKnowledge() {
    }

    /** Copies the bundled example knowledge into {@code target} (which must not exist yet). */
    public static void extractTo(Path target) throws IOException {
        URL url = ExampleKnowledge.class.getResource(RESOURCE);
        if (url == null) {
            throw new IOException("the example knowledge is not bundled in this build");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(fs.getPath(RESOURCE), target);
            }
        } else {
            copyTree(Path.of(uri), target);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = source.relativize(p);
                Path dest = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    try (InputStream in = Files.newInputStream(p)) {
                        Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
