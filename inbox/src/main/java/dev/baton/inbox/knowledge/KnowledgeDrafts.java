package dev.baton.inbox.knowledge;

import dev.baton.core.state.KeyValueStore;
import dev.baton.inbox.desk.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * "Save as knowledge": agents turn a good human answer into a Markdown Q&amp;A draft in
 * {@code <knowledge.folder>/_drafts/}, which the knowledge base never indexes. Approving moves the draft into the
 * folder and reindexes; discarding deletes it. Each approval is recorded ({@code draft-approved/…}) for analytics.
 */
public final class KnowledgeDrafts {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeDrafts.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,100}\\.md");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** A draft as listed on the drafts page. */
    public record Draft(String name, String question, String answer, String content) {
    }

    private final Path folder;
    private final Runnable reindex;
    private final KeyValueStore marks;
    private final Clock clock;

    /**
     * @param folder  the knowledge folder ({@code knowledge.folder})
     * @param reindex syncs the knowledge index after an approval
     */
    public KnowledgeDrafts(Path folder, Runnable reindex, KeyValueStore marks, Clock clock) {
        this.folder = folder;
        this.reindex = reindex;
        this.marks = marks;
        this.clock = clock;
    }

    public Path draftsDir() {
        return folder.resolve("_drafts");
    }

    /**
     * Writes a new draft and returns its file name. Its provenance (conversation, agent, time) is an HTML comment:
     * kept in the file for editors, never indexed (the Markdown parser leaves comments out).
     */
    public String save(String question, String answer, long conversationId, String agent) {
        if (question == null || question.isBlank() || answer == null || answer.isBlank()) {
            throw Refusal.invalid("question and answer are required");
        }
        if (question.length() > 500 || answer.length() > 10_000) {
            throw Refusal.invalid("question (500) or answer (10000 characters) too long");
        }
        String q = question.strip().replaceAll("\\s+", " ");
        String name = STAMP.format(clock.instant()) + "-" + slug(q) + ".md";
        String md = "# " + q + "\n\n" + answer.strip() + "\n\n<!-- draft from conversation " + conversationId
                + " by " + agent + ", " + clock.instant() + " -->\n";
        try {
            Files.createDirectories(draftsDir());
            Files.writeString(draftsDir().resolve(name), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("knowledge draft {} saved from conversation {}", name, conversationId);
        return name;
    }

    public List<Draft> list() {
        if (!Files.isDirectory(draftsDir())) {
            return List.of();
        }
        List<Draft> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(draftsDir())) {
            for (Path p : files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList()) {
                out.add(read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Moves the draft into the knowledge folder and reindexes; returns the new path relative to the folder. */
    public String approve(String name, String agent) {
        Path draft = existing(name);
        Path target = folder.resolve(name);
        try {
            Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.move(draft, target);
            } catch (IOException e2) {
                throw new UncheckedIOException(e2);
            }
        }
        marks.put("draft-approved/" + clock.instant() + "/" + name, agent);
        log.info("knowledge draft {} approved", name);
        reindex.run();
        return name;
    }

    public void discard(String name) {
        try {
            Files.delete(existing(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("knowledge draft {} discarded", name);
    }

    private Path existing(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalid("not a draft name");
        }
        Path p = draftsDir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw Refusal.notFound("no draft " + name);
        }
        return p;
    }

    private static Draft read(Path p) throws IOException {
        String content = Files.readString(p, StandardCharsets.UTF_8);
        String question = "";
        StringBuilder answer = new StringBuilder();
        for (String line : content.split("\n")) {
            if (question.isEmpty() && line.startsWith("# ")) {
                question = line.substring(2).strip();
            } else if (!line.startsWith("<!--")) {
                answer.append(line).append('\n');
            }
        }
        return new Draft(p.getFileName().toString(), question, answer.toString().strip(), content);
    }

    static String slug(String q) {
        String s = q.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "draft" : s;
    }
}
