package dev.baton.knowledge;

import dev.baton.knowledge.index.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

import dev.baton.knowledge.index.Manifest;
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

    /** What a sync of {@code files} (relative path → file) would change in an index described by {@code manifest}. */
    static PendingChanges between(Map<String, Path> files, Manifest manifest, int entries) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Manifest.FileState previous = manifest.files().get(f.getKey());
            String hash;
            try {
                hash = ContentHash.sha256(f.getValue());
            } catch (IOException e) {
                unreadable.add(f.getKey());
                continue;
            }
            if (previous == null) {
                added.add(f.getKey());
            } else if (!previous.sha256().equals(hash)) {
                changed.add(f.getKey());
            } else {
                unchanged++;
            }
        }
        List<String> removed = manifest.files().keySet().stream().filter(rel -> !files.containsKey(rel)).toList();
        return new PendingChanges(added, changed, removed, unreadable, unchanged, entries);
    }
}
