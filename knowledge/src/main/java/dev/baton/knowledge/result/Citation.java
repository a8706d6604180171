package dev.baton.knowledge.result;

import java.util.Objects;

/**
 * Where an answer comes from, so that a human (or the customer) can check it.
 *
 * @param file    path relative to the knowledge folder, with {@code /} separators
 * @param heading the section or question heading, or a page label for PDFs; {@code null} when none
 * @param row     the spreadsheet row (header = row 1) for FAQ tables; {@code null} otherwise
 */
public record Citation(String file, String heading, Integer row) {

    public Citation {
        Objects.requireNonNull(file, "file");
    }

    /** {@code "faq/returns.md › 怎么退货"}, {@code "faq.csv row 12"} or just the file. */
    public String display() {
        StringBuilder sb = new StringBuilder(file);
        if (heading != null && !heading.isBlank()) {
            sb.append(" › ").append(heading);
        }
        if (row != null) {
            sb.append(" row ").append(row);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return display();
    }
}
