package dev.baton.knowledge.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads one file of a given format into entries. Implementations are stateless and thread-safe. */
public interface DocumentParser {

    /**
     * @param file    the file to read
     * @param relPath its path relative to the knowledge folder, {@code /}-separated: the prefix of entry ids
     * @return the entries, possibly none
     * @throws IOException or any runtime exception when the file cannot be read; the caller reports and skips it
     */
    List<KnowledgeEntry> parse(Path file, String relPath) throws IOException;
}
