package dev.baton.knowledge;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link KnowledgeBase#sync()} did. File names are relative to the knowledge folder.
 *
 * @param added          files indexed for the first time
 * @param changed        files whose content hash changed and were re-indexed
 * @param removed        files that disappeared and left the index
 * @param unchanged      number of files skipped because their hash matched the manifest
 * @param failed         files that could not be parsed, with the reason; previously indexed entries of such a
 *                       file are kept until it parses again
 * @param entriesIndexed entries written in this sync (from added and changed files)
 * @param reEmbedded     texts sent to the embedding model in this sync (0 when nothing changed)
 * @param totalEntries   entries in the index after the sync
 * @param duration       wall time of the sync
 */
public record SyncReport(
        List<String> added,
        List<String> changed,
        List<String> removed,
        int unchanged,
        List<FailedFile> failed,
        int entriesIndexed,
        int reEmbedded,
        int totalEntries,
        Duration duration) {

    public SyncReport {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        failed = List.copyOf(failed);
    }

    /** A file skipped because it failed to parse. */
    public record FailedFile(String file, String reason) {
    }

    /** True when the index content changed. */
    public boolean modifiedIndex() {
        return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
    }

    /** One human line, e.g. for {@code baton index}. */
    public String summary() {
        return "added %d, changed %d, removed %d, unchanged %d, failed %d; %d entries indexed, %d texts embedded, %d entries total, %d ms"
                .formatted(added.size(), changed.size(), removed.size(), unchanged, failed.size(),
                        entriesIndexed, reEmbedded, totalEntries, duration.toMillis());
    }
}
