package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A look-up text with placeholders: {@code {order}} is a parameter's value, {@code {$.status}} a value of the API's
 * JSON answer ({@link JsonPath}). Other braces are kept as written. Parsed once at start-up, so a bad path is a
 * config error, not a broken answer.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\$[^{}]*|[A-Za-z_][A-Za-z0-9_]*)}");
    /** A value from the API is cut to this many characters in a customer-facing text. */
    static final int MAX_VALUE_CHARS = 300;

    private sealed interface Part permits Literal, Param, Path {
    }

    private record Literal(String text) implements Part {
    }

    private record Param(String name) implements Part {
    }

    private record Path(JsonPath path) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** Parses a template; a malformed JSON path throws {@link IllegalArgumentException} saying what is wrong. */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Literal(text.substring(last, m.start())));
            }
            String inner = m.group(1);
            parts.add(inner.startsWith("$") ? new Path(JsonPath.parse(inner)) : new Param(inner));
            last = m.end();
        }
        if (last < text.length()) {
            parts.add(new Literal(text.substring(last)));
        }
        return new Template(text, parts);
    }

    /** The parameter names the template uses, in order of first use. */
    public Set<String> params() {
        Set<String> out = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Param param) {
                out.add(param.name());
            }
        }
        return out;
    }

    /** Whether the template reads the API's answer. */
    public boolean readsResult() {
        return parts.stream().anyMatch(p -> p instanceof Path);
    }

    /**
     * The text with parameters (each passed through {@code encode}, e.g. URL encoding) and JSON values filled in. A
     * value the answer lacks (or {@code null}) is empty; an array of plain values is joined with ", "; a long value is
     * cut.
     */
    public String render(Map<String, String> params, JsonNode result, UnaryOperator<String> encode) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text());
            } else if (p instanceof Param param) {
                sb.append(encode.apply(params.getOrDefault(param.name(), "")));
            } else if (p instanceof Path path) {
                sb.append(encode.apply(text(path.path().read(result))));
            }
        }
        return sb.toString();
    }

    /** {@link #render} without encoding. */
    public String render(Map<String, String> params, JsonNode result) {
        return render(params, result, UnaryOperator.identity());
    }

    /** A JSON value as a customer reads it. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        String s;
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.isValueNode() ? n.asText() : n.toString()));
            s = String.join(", ", items);
        } else {
            s = node.isValueNode() ? node.asText() : node.toString();
        }
        s = s.replaceAll("\\p{Cntrl}", " ").strip();
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
    }

    @Override
    public String toString() {
        return source;
    }
}
