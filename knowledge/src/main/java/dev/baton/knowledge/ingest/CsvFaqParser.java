package dev.baton.knowledge.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** FAQ tables as CSV (RFC 4180, UTF-8 or GB18030); see {@link FaqTable} for the columns. Row numbers count the header as row 1. */
public final class CsvFaqParser implements DocumentParser {

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        String text = TextFiles.read(file);
        List<KnowledgeEntry> entries = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setTrim(true).get().parse(new StringReader(text))) {
            FaqTable table = null;
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                List<String> cells = record.toList();
                if (table == null) {
                    table = FaqTable.withHeader(relPath, cells);
                    continue;
                }
                KnowledgeEntry e = table.entry(cells, row, "");
                if (e != null) {
                    entries.add(e);
                }
            }
            if (table == null) {
                throw new IllegalArgumentException("empty CSV: no header row");
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("malformed CSV: " + e.getMessage(), e);
        }
        return entries;
    }
}
