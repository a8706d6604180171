package dev.baton.knowledge.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The parser for each supported file extension. */
public final class DocumentParsers {

    private final Map<String, DocumentParser> byExtension;

    private DocumentParsers(Map<String, DocumentParser> byExtension) {
        this.byExtension = Map.copyOf(byExtension);
    }

    /** Markdown, text, HTML, PDF, DOCX, CSV and XLSX. */
    public static DocumentParsers standard() {
        DocumentParser markdown = new MarkdownParser();
        DocumentParser html = new HtmlParser();
        return new DocumentParsers(Map.of(
                "md", markdown, "markdown", markdown,
                "txt", new PlainTextParser(),
                "html", html, "htm", html,
                "pdf", new PdfParser(),
                "docx", new DocxParser(),
                "csv", new CsvFaqParser(),
                "xlsx", new XlsxFaqParser()));
    }

    /** The parser for a file name, if its extension is supported. */
    public Optional<DocumentParser> forFile(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(byExtension.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** Supported extensions, lower case, without dot. */
    public Set<String> extensions() {
        return byExtension.keySet();
    }
}
