package dev.baton.knowledge;

import java.util.List;

/**
 * What a {@link KnowledgeBase#sync()} would change, found by content hash alone (see {@link KnowledgeBase#pending()}).
 * File names are relative to the knowledge folder.
 *
 * @param added        files not in the index yet
 * @param changed      files whose content differs from what was indexed
 * @param removed      indexed files that are no longer in the folder
 * @param unreadable   files that could not be read
 * @param unchanged    number of files the index has as they are
 * @param indexEntries entries in the index now
 */
public record PendingChanges(List<String> added, List<String> changed, List<String> removed, List<String> unreadable,
                             int unchanged, int indexEntries) {

    public PendingChanges {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        unreadable = List.copyOf(unreadable);
    }

    /** True when the index matches the folder. */
    public boolean upToDate() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
