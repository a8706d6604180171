package dev.baton.knowledge.search;

import dev.baton.knowledge.index.DocLanguage;
import dev.baton.knowledge.index.IndexContent;
import dev.baton.knowledge.index.Threshold;

import java.util.Map;
import java.util.Optional;

/**
 * What a search needs to know about the index as a whole: its languages (for the {@link Route}) and the calibrated
 * threshold of each route ({@link Abstention}). Immutable; the knowledge base swaps it after each sync.
 *
 * @param content    the languages of the documents
 * @param thresholds per {@link Route#key()}
 */
public record Calibration(IndexContent content, Map<String, Threshold> thresholds) {

    /** An empty index: nothing is answered. */
    public static final Calibration EMPTY = new Calibration(IndexContent.EMPTY, Map.of());

    public Calibration {
        thresholds = Map.copyOf(thresholds);
    }

    /** The route of a question in {@code language}. */
    public Route route(DocLanguage language) {
        return Route.of(language, content);
    }

    /** The threshold of {@code route}, when it was calibrated. */
    public Optional<Threshold> threshold(Route route) {
        return Optional.ofNullable(thresholds.get(route.key()));
    }

    /** Whether every route questions can take through this index has its threshold. */
    public boolean complete() {
        if (content.isEmpty()) {
            return true;
        }
        for (DocLanguage language : DocLanguage.values()) {
            if (!thresholds.containsKey(route(language).key())) {
                return false;
            }
        }
        return true;
    }
}
