package dev.baton.knowledge.ingest;

import dev.baton.knowledge.result.Citation;

import java.util.List;
import java.util.Objects;

/**
 * One retrievable unit: an FAQ question with its answer, or a chunk of a document section.
 *
 * @param id       stable id: the FAQ table's {@code id}, or {@code relative/path#slug}
 * @param kind     FAQ (matched on its phrasings) or document section (matched on title and text)
 * @param question the main question, or the section title
 * @param similar  alternative phrasings of the question (FAQ tables' {@code similar} column)
 * @param answer   the answer, or the chunk text
 * @param category category path joined with {@code " / "}; empty when none
 * @param citation where it comes from
 */
public record KnowledgeEntry(
        String id, Kind kind, String question, List<String> similar, String answer, String category, Citation citation) {

    /** How an entry is matched. */
    public enum Kind {
        /** A question and answer: its phrasings are what queries are compared with. */
        FAQ,
        /** A chunk of a document: its title and text are compared with queries. */
        SECTION
    }

    public KnowledgeEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(citation, "citation");
        question = question == null ? "" : question;
        similar = List.copyOf(similar);
        answer = answer == null ? "" : answer;
        category = category == null ? "" : category;
    }

    /** The main question followed by the similar phrasings. */
    public List<String> phrasings() {
        if (similar.isEmpty()) {
            return List.of(question);
        }
        var all = new java.util.ArrayList<String>(similar.size() + 1);
        all.add(question);
        all.addAll(similar);
        return all;
    }
}
