package dev.baton.core.lookup;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, documented subset of JSONPath, read into a Jackson {@link JsonPointer}: the root {@code $}, then any number
 * of member names ({@code .status}, {@code ['status text']}) and array indexes ({@code [0]}). {@code $.items[0].name}
 * is {@code /items/0/name}. Wildcards, slices, filters and recursive descent are not supported: a template names one
 * value. Jackson's pointer needs no extra dependency (Jayway JsonPath would bring json-smart and ASM for this).
 *
 * @param text    the path as written
 * @param pointer the same path as a JSON pointer
 */
public record JsonPath(String text, JsonPointer pointer) {

    /** Reads a path; throws {@link IllegalArgumentException} naming what is wrong and what is supported. */
    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException(bad(text, "a path starts with $"));
        }
        List<String> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException(bad(text, name.isEmpty() ? "a name is missing after '.'"
                            : "wildcards are not supported"));
                }
                steps.add(name);
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException(bad(text, "'[' without ']'"));
                }
                String inside = text.substring(i + 1, close).strip();
                if (inside.matches("\\d+")) {
                    steps.add(inside);
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else {
                    throw new IllegalArgumentException(bad(text, "[" + inside + "] is not an index such as [0] or "
                            + "a quoted name such as ['name']"));
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException(bad(text, "unexpected '" + c + "'"));
            }
        }
        StringBuilder pointer = new StringBuilder();
        for (String step : steps) {
            pointer.append('/').append(step.replace("~", "~0").replace("/", "~1"));
        }
        return new JsonPath(text, JsonPointer.compile(pointer.toString()));
    }

    /** The value at this path, or a missing node. */
    public JsonNode read(JsonNode root) {
        return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root.at(pointer);
    }

    private static String bad(String text, String why) {
        return "\"" + text + "\" is not a supported JSON path (" + why + "); write e.g. $.status, $.items[0].name "
                + "or $['status text']";
    }

    @Override
    public String toString() {
        return text;
    }
}
