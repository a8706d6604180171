package dev.baton.knowledge.ingest;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word documents via Apache POI: paragraphs styled "Heading N" (or "标题 N", or "Title") start sections; tables
 * become one line per row with cells separated by {@code " | "}.
 */
public final class DocxParser implements DocumentParser {

    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)^(heading|标题)\\s*([1-6])$");

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        try (InputStream in = Files.newInputStream(file); XWPFDocument doc = new XWPFDocument(in)) {
            return SectionChunker.toEntries(relPath, sections(doc));
        }
    }

    static List<Section> sections(XWPFDocument doc) {
        List<Section> sections = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        int level = 0;
        String heading = null;
        List<String> parents = List.of();
        StringBuilder text = new StringBuilder();
        for (IBodyElement element : doc.getBodyElements()) {
            if (element instanceof XWPFParagraph p) {
                int headingLevel = headingLevel(doc, p);
                String t = p.getText().strip();
                if (headingLevel > 0 && !t.isEmpty()) {
                    if (heading != null || !text.toString().isBlank()) {
                        sections.add(new Section(level, heading, parents, text.toString()));
                    }
                    level = headingLevel;
                    heading = t;
                    while (stack.size() >= level) {
                        stack.remove(stack.size() - 1);
                    }
                    parents = List.copyOf(stack.stream().filter(h -> h != null).toList());
                    while (stack.size() < level - 1) {
                        stack.add(null);
                    }
                    stack.add(heading);
                    text.setLength(0);
                } else if (!t.isEmpty()) {
                    text.append(t).append("\n\n");
                }
            } else if (element instanceof XWPFTable table) {
                for (XWPFTableRow row : table.getRows()) {
                    List<String> cells = new ArrayList<>();
                    for (XWPFTableCell cell : row.getTableCells()) {
                        cells.add(cell.getText().strip());
                    }
                    text.append(String.join(" | ", cells)).append('\n');
                }
                text.append('\n');
            }
        }
        if (heading != null || !text.toString().isBlank()) {
            sections.add(new Section(level, heading, parents, text.toString()));
        }
        return sections;
    }

    private static int headingLevel(XWPFDocument doc, XWPFParagraph p) {
        String styleId = p.getStyleID();
        if (styleId == null) {
            return 0;
        }
        String name = styleId;
        var style = doc.getStyles() == null ? null : doc.getStyles().getStyle(styleId);
        if (style != null && style.getName() != null) {
            name = style.getName();
        }
        for (String candidate : List.of(name, styleId)) {
            String c = candidate.strip().toLowerCase(Locale.ROOT);
            if (c.equals("title")) {
                return 1;
            }
            Matcher m = HEADING_STYLE.matcher(c);
            if (m.matches()) {
                return Integer.parseInt(m.group(2));
            }
        }
        return 0;
    }
}
