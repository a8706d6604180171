package dev.baton.core.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads eval cases, one JSON object per line; blank lines are skipped, a bad line fails with its line number. The evals
 * here and the tools in {@code baton-tools} read case files through it.
 */
public final class EvalCases {

    private EvalCases() {
    }

    /** Every case of {@code file}, in order. */
    public static List<JsonNode> read(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    rows.add(json.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a JSON object: " + e.getMessage(),
                            e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cases " + file, e);
        }
        return rows;
    }

    /** The text field {@code field} of a case; a case without it fails, naming {@code file}. */
    public static String text(JsonNode row, String field, Path file) {
        JsonNode n = row.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(file + ": case without a text field '" + field + "': " + row);
        }
        return n.asText();
    }

    static String optional(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
