package dev.baton.knowledge.ingest;

import dev.baton.knowledge.result.Citation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FAQ table format shared by CSV and XLSX: a header row naming the columns {@code question} and
 * {@code answer} (required), {@code id} and {@code similar} (optional), and optionally {@code category}. Chinese
 * headers (问题, 答案, 编号, 相似问题, 分类) are accepted too. {@code similar} holds alternative phrasings separated
 * by {@code |} or new lines. Without an id, the id is {@code path#q-} plus the first 12 hex digits of the
 * SHA-256 of the normalised question, so it survives reordering rows. Rows without a question are skipped.
 */
final class FaqTable {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("id", "id"), Map.entry("编号", "id"), Map.entry("序号", "id"),
            Map.entry("question", "question"), Map.entry("问题", "question"), Map.entry("标准问题", "question"),
            Map.entry("answer", "answer"), Map.entry("答案", "answer"), Map.entry("回答", "answer"),
            Map.entry("similar", "similar"), Map.entry("相似问题", "similar"), Map.entry("相似问法", "similar"),
            Map.entry("category", "category"), Map.entry("分类", "category"));
    private static final Pattern SIMILAR_SEPARATOR = Pattern.compile("[|｜\\n]+");

    private final String relPath;
    private final int idCol;
    private final int questionCol;
    private final int answerCol;
    private final int similarCol;
    private final int categoryCol;

    private FaqTable(String relPath, List<String> header) {
        this.relPath = relPath;
        int id = -1, q = -1, a = -1, s = -1, c = -1;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            switch (ALIASES.getOrDefault(name, "")) {
                case "id" -> id = id < 0 ? i : id;
                case "question" -> q = q < 0 ? i : q;
                case "answer" -> a = a < 0 ? i : a;
                case "similar" -> s = s < 0 ? i : s;
                case "category" -> c = c < 0 ? i : c;
                default -> { }
            }
        }
        if (q < 0 || a < 0) {
            throw new IllegalArgumentException("FAQ table needs the columns question and answer, header was " + header);
        }
        this.idCol = id;
        this.questionCol = q;
        this.answerCol = a;
        this.similarCol = s;
        this.categoryCol = c;
    }

    static FaqTable withHeader(String relPath, List<String> header) {
        return new FaqTable(relPath, header);
    }

    /** The entry of one row, or {@code null} when the row has no question. */
    KnowledgeEntry entry(List<String> cells, int rowNumber, String defaultCategory) {
        String question = cell(cells, questionCol);
        if (question.isEmpty()) {
            return null;
        }
        String id = cell(cells, idCol);
        if (id.isEmpty()) {
            id = relPath + "#q-" + questionHash(question);
        }
        Set<String> similar = new LinkedHashSet<>();
        for (String s : SIMILAR_SEPARATOR.split(cell(cells, similarCol))) {
            String t = s.strip();
            if (!t.isEmpty() && !t.equals(question)) {
                similar.add(t);
            }
        }
        String category = cell(cells, categoryCol);
        return new KnowledgeEntry(id, KnowledgeEntry.Kind.FAQ, question, new ArrayList<>(similar), cell(cells, answerCol),
                category.isEmpty() ? defaultCategory : category, new Citation(relPath, null, rowNumber));
    }

    private static String cell(List<String> cells, int col) {
        if (col < 0 || col >= cells.size() || cells.get(col) == null) {
            return "";
        }
        return cells.get(col).strip();
    }

    static String questionHash(String question) {
        String norm = Normalizer.normalize(question, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(norm.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
