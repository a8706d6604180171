package dev.baton.inbox.config;

import dev.baton.text.Language;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The language agents work in: of the inbox pages, the reason and intent labels, and the handoff summaries, which are
 * written once, when the conversation comes to the desk, before any agent has it. One language for the whole desk, so
 * that a summary and the page around it read alike.
 *
 * <p>{@code inbox.language} when set. Otherwise the business's language, as its knowledge folder is written: the
 * business writes its answers in the language its people work in (a Chinese shop with an {@code en/} folder for
 * foreign customers is a Chinese desk). The text files of the folder are sampled (Markdown, plain text, HTML, FAQ
 * tables; at most {@value #MAX_FILES} files, {@value #MAX_BYTES} bytes of each) and {@link Language#detect} decides;
 * an empty or unreadable folder gives English.
 *
 * @param code   {@code zh} or {@code en}
 * @param source where it came from, for the start-up log
 */
public record DeskLanguage(String code, String source) {

    static final int MAX_FILES = 300;
    static final int MAX_BYTES = 16 * 1024;
    private static final Set<String> TEXT = Set.of("md", "markdown", "txt", "csv", "html", "htm");

    /** The desk's language for {@code config}, reading {@code knowledgeFolder} when the config does not say. */
    public static DeskLanguage resolve(InboxConfig config, Path knowledgeFolder) {
        if (config.language() != null) {
            return new DeskLanguage(config.language(), "inbox.language");
        }
        String sample = sample(knowledgeFolder);
        if (sample.isBlank()) {
            return new DeskLanguage(Language.EN, "default: no text in the knowledge folder");
        }
        return new DeskLanguage(Language.detect(sample), "the knowledge folder's language");
    }

    /** The beginning of each text file of the folder (drafts and hidden files left out), in a stable order. */
    static String sample(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> texts = files.filter(Files::isRegularFile).filter(p -> counted(folder, p))
                    .sorted(Comparator.naturalOrder()).limit(MAX_FILES).toList();
            for (Path p : texts) {
                sb.append(head(p)).append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            return sb.toString();
        }
        return sb.toString();
    }

    private static boolean counted(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && TEXT.contains(name.substring(dot + 1));
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
