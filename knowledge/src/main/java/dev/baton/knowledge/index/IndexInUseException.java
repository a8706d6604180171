package dev.baton.knowledge.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The index's write lock is held by another process, normally a running Baton, which keeps the index in line with
 * the folder itself. A caller that only searches opens the index {@linkplain KnowledgeBase#openReadOnly read-only}
 * instead.
 */
public final class IndexInUseException extends IOException {

    private final Path indexDir;

    public IndexInUseException(Path indexDir, Throwable cause) {
        super("the knowledge index " + indexDir.toAbsolutePath().normalize() + " is in use by another process "
                + "(a running Baton holds its write.lock)", cause);
        this.indexDir = indexDir;
    }

    public Path indexDir() {
        return indexDir;
    }
}
