package dev.baton.app;

import dev.baton.app.cli.StartupTraining;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run the {@code baton} script records its class-data archive from: it must start and stop Baton cleanly on the
 * current config format (a failure only costs speed, silently, so a test has to notice) and leave nothing behind.
 */
class StartupTrainingTest {

    @Test
    void should_start_and_stop_baton_once_and_remove_its_folder() throws Exception {
        List<Path> before = trainingFolders();

        StartupTraining.main(new String[0]);

        assertThat(trainingFolders()).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<Path> trainingFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("baton-training-")).toList();
        }
    }
}
