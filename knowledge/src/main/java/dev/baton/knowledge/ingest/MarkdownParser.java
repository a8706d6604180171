package dev.baton.knowledge.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown by ATX headings ({@code #} … {@code ######}); headings inside fenced code blocks are text. The text is
 * kept as written (the answer may be rendered as Markdown), except HTML comments outside code, which Markdown never
 * shows and which must not reach customers or the model (an approved draft's provenance is one). See
 * {@link SectionChunker} for the FAQ rule.
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
        boolean[] inComment = {false};
        for (String raw : markdown.split("\n", -1)) {
            String line = raw;
            if (inComment[0] || (!inFence && line.contains("<!--"))) {
                line = withoutComments(raw, inComment);
                if (line.isBlank() && !raw.isBlank()) {
                    continue; // a line that was only (part of) a comment
                }
            }
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

    /**
     * The line without its HTML comments ({@code <!-- … -->}, which Markdown never displays: notes for editors, the
     * provenance of an approved draft), keeping inline code spans as written. {@code inComment[0]} carries a
     * comment that is still open at the end of the line into the next one.
     */
    static String withoutComments(String line, boolean[] inComment) {
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            if (inComment[0]) {
                int end = line.indexOf("-->", i);
                if (end < 0) {
                    return out.toString();
                }
                inComment[0] = false;
                i = end + 3;
            } else if (line.startsWith("<!--", i)) {
                inComment[0] = true;
                i += 4;
                if (line.startsWith(">", i) || line.startsWith("->", i)) { // <!--> and <!---> are empty comments
                    inComment[0] = false;
                    i = line.indexOf('>', i) + 1;
                }
            } else if (line.charAt(i) == '`') {
                int run = i;
                while (run < line.length() && line.charAt(run) == '`') {
                    run++;
                }
                String ticks = line.substring(i, run);
                int close = line.indexOf(ticks, run);
                int next = close < 0 ? run : close + ticks.length();
                out.append(line, i, next);
                i = next;
            } else {
                out.append(line.charAt(i++));
            }
        }
        return out.toString();
    }
}
