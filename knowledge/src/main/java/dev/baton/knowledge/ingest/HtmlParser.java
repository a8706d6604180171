package dev.baton.knowledge.ingest;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** HTML via jsoup: {@code h1}–{@code h6} start sections, block elements end paragraphs, scripts and navigation are dropped. */
public final class HtmlParser implements DocumentParser {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "table", "tr", "pre", "blockquote",
            "section", "article", "dd", "dt", "br", "hr");

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        Document doc = Jsoup.parse(TextFiles.read(file));
        doc.select("script, style, nav, noscript, template, head").remove();
        return SectionChunker.toEntries(relPath, sections(doc.body()));
    }

    static List<Section> sections(Element body) {
        List<Section> sections = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        int[] level = {0};
        String[] heading = {null};
        List<List<String>> parents = new ArrayList<>(List.of(List.of()));
        StringBuilder text = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element el && el.normalName().matches("h[1-6]")) {
                    if (heading[0] != null || !text.toString().isBlank()) {
                        sections.add(new Section(level[0], heading[0], parents.get(0), text.toString()));
                    }
                    level[0] = el.normalName().charAt(1) - '0';
                    heading[0] = el.text().strip();
                    while (stack.size() >= level[0]) {
                        stack.remove(stack.size() - 1);
                    }
                    parents.set(0, List.copyOf(stack.stream().filter(h -> h != null).toList()));
                    while (stack.size() < level[0] - 1) {
                        stack.add(null);
                    }
                    stack.add(heading[0]);
                    text.setLength(0);
                } else if (node instanceof TextNode tn && !insideHeading(tn)) {
                    text.append(tn.text());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element el && BLOCKS.contains(el.normalName())) {
                    text.append("\n\n");
                }
            }
        });
        if (heading[0] != null || !text.toString().isBlank()) {
            sections.add(new Section(level[0], heading[0], parents.get(0), text.toString()));
        }
        return sections.stream()
                .map(s -> new Section(s.level(), s.heading(), s.parents(), s.text().replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n(\\s*\\n)+", "\n\n")))
                .toList();
    }

    private static boolean insideHeading(Node node) {
        for (Node p = node.parentNode(); p != null; p = p.parentNode()) {
            if (p instanceof Element el && el.normalName().matches("h[1-6]")) {
                return true;
            }
        }
        return false;
    }
}
