package dev.baton.knowledge.ingest;

import java.util.List;

/**
 * A heading and the text under it, before chunking. Parsers of structured formats produce these.
 *
 * @param level   heading level (1 = top); 0 for text before any heading or for headingless formats
 * @param heading the heading text, or {@code null}
 * @param parents the headings above this one, outermost first
 * @param text    the text up to the next heading, paragraphs separated by blank lines
 */
public record Section(int level, String heading, List<String> parents, String text) {

    public Section {
        parents = List.copyOf(parents);
        text = text == null ? "" : text.strip();
    }
}
