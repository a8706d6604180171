package dev.baton.app.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as the {@code baton} script runs it ({@code app/target/baton.jar}, built in the package phase):
 * no debug symbols or source maps (ONNX Runtime's Windows {@code .pdb} alone was 305 MB uncompressed), and a size an
 * operator can download and copy without surprise.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "baton.jar");
    /** docs/performance.md states the size; about 160 MB with the two embedding models and every platform's natives. */
    private static final long MAX_BYTES = 175L * 1024 * 1024;

    @Test
    void should_ship_no_debug_symbols_and_stay_under_the_documented_size() throws IOException {
        assertThat(JAR).exists();
        List<String> debug;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            debug = zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".pdb") || n.contains(".dSYM/") || n.endsWith(".js.map")
                            || n.endsWith(".cjs.map"))
                    .toList();
            assertThat(zip.getEntry("dev/baton/app/cli/Main.class")).isNotNull();
            assertThat(zip.getEntry("bge-small-zh-v1.5-q.onnx")).isNotNull();
        }
        assertThat(debug).isEmpty();
        assertThat(Files.size(JAR)).isLessThan(MAX_BYTES);
    }
}
