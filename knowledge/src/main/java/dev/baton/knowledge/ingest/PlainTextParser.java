package dev.baton.knowledge.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Plain text: one headingless section, chunked on blank lines. */
public final class PlainTextParser implements DocumentParser {

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        return SectionChunker.toEntries(relPath, List.of(new Section(0, null, List.of(), TextFiles.read(file))));
    }
}
