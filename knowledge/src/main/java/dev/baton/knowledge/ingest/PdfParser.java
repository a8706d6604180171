package dev.baton.knowledge.ingest;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PDF via PDFBox: one section per page, headed {@code "p. N"} so that citations name the page. */
public final class PdfParser implements DocumentParser {

    @Override
    public List<KnowledgeEntry> parse(Path file, String relPath) throws IOException {
        List<Section> sections = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setParagraphStart("\n");
            stripper.setSortByPosition(true);
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(doc);
                if (!text.isBlank()) {
                    sections.add(new Section(1, "p. " + page, List.of(), text));
                }
            }
        }
        return SectionChunker.toEntries(relPath, sections);
    }
}
