package dev.baton.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the knowledge base reads documents from and writes its index to, and how it decides to answer.
 *
 * @param folder     the business's knowledge folder ({@code knowledge.folder}); {@code _drafts/} and hidden
 *                   files inside it are never indexed
 * @param indexDir   the on-disk Lucene index and its manifest ({@code knowledge.index-dir})
 * @param watch      whether {@link KnowledgeBase#startWatching()} watches the folder for changes
 * @param scoreFloor {@code null} (the default): a hit is confident when its cosine reaches the threshold calibrated
 *                   for the question's language on this index ({@code search.Abstention}); a number in [0, 1]: the
 *                   operator's fixed floor instead, on the vector score {@code (1 + cosine) / 2}, for every language
 *                   ({@code knowledge.score-floor})
 * @param debounce   quiet period after the last file event before the watcher re-syncs
 */
public record KnowledgeConfig(Path folder, Path indexDir, boolean watch, Double scoreFloor, Duration debounce) {

    /** Default watcher debounce: long enough to coalesce an editor's save burst, short enough for 2 s visibility. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);

    public KnowledgeConfig {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(indexDir, "indexDir");
        Objects.requireNonNull(debounce, "debounce");
        if (scoreFloor != null && !(scoreFloor >= 0 && scoreFloor <= 1)) {
            throw new IllegalArgumentException("scoreFloor must be within [0, 1], was " + scoreFloor);
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative, was " + debounce);
        }
    }

    /** Watching on, calibrated thresholds, default debounce. */
    public static KnowledgeConfig defaults(Path folder, Path indexDir) {
        return new KnowledgeConfig(folder, indexDir, true, null, DEFAULT_DEBOUNCE);
    }

    /** A copy with a fixed score floor ({@code null}: the calibrated thresholds). */
    public KnowledgeConfig withScoreFloor(Double floor) {
        return new KnowledgeConfig(folder, indexDir, watch, floor, debounce);
    }

    /** A copy with watching switched on or off. */
    public KnowledgeConfig withWatch(boolean enabled) {
        return new KnowledgeConfig(folder, indexDir, enabled, scoreFloor, debounce);
    }
}
