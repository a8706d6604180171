package dev.baton.knowledge.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown by ATX headings ({@code #} … {@code ######}); headings inside fenced code blocks are text. The text is
 * kept as written (the answer may be rendered as Markdown). See {@link SectionChunker} for the FAQ rule.
 */
public final class MarkdownParser implements DocumentParser {

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        return SectionChunker.toEntries(relPath, sections(TextFiles.read(file)));
    }

    /** The sections of a Markdown text. */
    public static List<Section> sections(String markdown) {
        List<Section> sections = new ArrayList<>();
        List<String> stack = new ArrayList<>();   // heading text per level 1..6 (index level-1)
        int level = 0;
        String heading = null;
        List<String> parents = List.of();
        StringBuilder text = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
            }
            Matcher m = inFence ? null : HEADING.matcher(line);
            if (m != null && m.matches() && !m.group(2).isBlank()) {
                if (heading != null || !text.toString().isBlank()) {
                    sections.add(new Section(level, heading, parents, text.toString()));
                }
                level = m.group(1).length();
                heading = m.group(2).strip();
                while (stack.size() >= level) {
                    stack.remove(stack.size() - 1);
                }
                parents = List.copyOf(stack.stream().filter(h -> h != null).toList());
                while (stack.size() < level - 1) {
                    stack.add(null);
                }
                stack.add(heading);
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        if (heading != null || !text.toString().isBlank()) {
            sections.add(new Section(level, heading, parents, text.toString()));
        }
        return sections;
    }
}
