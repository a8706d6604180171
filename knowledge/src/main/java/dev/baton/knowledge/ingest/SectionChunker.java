package dev.baton.knowledge.ingest;

import dev.baton.knowledge.result.Citation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns sections into entries.
 *
 * <p>The FAQ rule: a section becomes one FAQ entry when its heading is a question (ends with {@code ?} or
 * {@code ？}), or when the file is an FAQ file (see {@link #isFaqFile(String)}) and the section is a leaf (no
 * deeper heading follows it). Its answer is the section text, its category the headings above it. Every other
 * section with text becomes document chunks of at most {@link #MAX_CHUNK_CHARS} characters, split on paragraph
 * boundaries (then on sentence ends for an overlong paragraph). Ids are {@code path#slug}; the second and later
 * chunks of one section are {@code path#slug.2}, {@code path#slug.3}; text before any heading has slug
 * {@code top}.
 */
public final class SectionChunker {

    /** Upper bound of a document chunk, in characters (about one screen; fits the embedding model). */
    public static final int MAX_CHUNK_CHARS = 800;

    private static final Pattern FAQ_NAME = Pattern.compile("(?i).*(faq|常见问题|问答|q&a|(^|[^a-z])qa([^a-z]|$)).*");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？!?；;.])\\s*");

    private SectionChunker() {
    }

    /** An FAQ file is one whose name (not folder) contains {@code faq}, {@code qa}, {@code 常见问题} or {@code 问答}. */
    public static boolean isFaqFile(String relPath) {
        String name = relPath.substring(relPath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return FAQ_NAME.matcher(dot > 0 ? name.substring(0, dot) : name).matches();
    }

    /** True when a heading reads as a question. */
    public static boolean isQuestion(String heading) {
        if (heading == null) {
            return false;
        }
        String h = heading.strip();
        return h.endsWith("?") || h.endsWith("？");
    }

    /** Entries for the sections of one file. */
    public static List<KnowledgeEntry> toEntries(String relPath, List<Section> sections) {
        boolean faqFile = isFaqFile(relPath);
        Slugs slugs = new Slugs();
        List<KnowledgeEntry> entries = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            boolean leaf = i + 1 == sections.size() || sections.get(i + 1).level() <= s.level();
            String category = String.join(" / ", s.parents());
            boolean faq = s.heading() != null && (isQuestion(s.heading()) || (faqFile && leaf && s.level() > 0));
            if (faq) {
                if (s.text().isEmpty()) {
                    continue;
                }
                String id = relPath + "#" + slugs.unique(s.heading());
                entries.add(new KnowledgeEntry(id, KnowledgeEntry.Kind.FAQ, s.heading().strip(), List.of(), s.text(),
                        category, new Citation(relPath, s.heading().strip(), null)));
                continue;
            }
            if (s.text().isEmpty()) {
                continue;
            }
            String slug = slugs.unique(s.heading());
            String title = s.heading() != null ? s.heading().strip() : titleOf(relPath);
            List<String> parts = split(s.text(), MAX_CHUNK_CHARS);
            for (int p = 0; p < parts.size(); p++) {
                String id = relPath + "#" + slug + (p == 0 ? "" : "." + (p + 1));
                entries.add(new KnowledgeEntry(id, KnowledgeEntry.Kind.SECTION, title, List.of(), parts.get(p),
                        category, new Citation(relPath, s.heading() == null ? null : s.heading().strip(), null)));
            }
        }
        return entries;
    }

    /** The file name without folder and extension, used as the title of headingless text. */
    static String titleOf(String relPath) {
        String name = relPath.substring(relPath.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Splits text into pieces of at most {@code max} characters, on paragraph boundaries where possible. */
    static List<String> split(String text, int max) {
        List<String> pieces = new ArrayList<>();
        for (String para : PARAGRAPH_BREAK.split(text)) {
            String p = para.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() <= max) {
                pieces.add(p);
            } else {
                for (String sentence : SENTENCE_END.split(p)) {
                    for (int i = 0; i < sentence.length(); i += max) {
                        pieces.add(sentence.substring(i, Math.min(sentence.length(), i + max)));
                    }
                }
            }
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (current.length() > 0 && current.length() + 2 + piece.length() > max) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append("\n\n");
            }
            current.append(piece);
        }
        if (current.length() > 0) {
            chunks.add(current.toString());
        }
        return chunks;
    }
}
