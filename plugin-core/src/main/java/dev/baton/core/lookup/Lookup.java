package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A look-up ready to run: its {@link LookupConfig} with the patterns compiled and the request's templates parsed. It
 * finds parameter values in the customer's words, builds the read-only call and writes the customer's texts; the
 * {@link LookupClient} sends the call. Immutable and thread-safe.
 */
public final class Lookup {

    /** The largest answer a look-up accepts. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final LookupConfig cfg;
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();
    private final Template url;
    private final Map<String, Template> body = new LinkedHashMap<>();
    private final JsonPath foundAt;
    private final MaskedJson masked;

    /** Compiles a validated config (an invalid one throws {@link IllegalArgumentException}). */
    public Lookup(LookupConfig cfg) {
        this.cfg = cfg;
        cfg.params().forEach((name, p) -> {
            if (!p.identity()) {
                patterns.put(name, Pattern.compile(p.pattern()));
            }
        });
        this.url = Template.parse(cfg.request().url());
        cfg.request().body().forEach((k, v) -> body.put(k, Template.parse(v)));
        this.foundAt = cfg.foundAt() == null ? null : JsonPath.parse(cfg.foundAt());
        this.masked = new MaskedJson(cfg.mask());
    }

    public String name() {
        return cfg.name();
    }

    public LookupConfig config() {
        return cfg;
    }

    /** What it looks up, in {@code language} (the name when no description is configured). */
    public String description(String language) {
        return cfg.description() == null ? cfg.name().replace('_', ' ') : cfg.description().in(language);
    }

    /** The parameters taken from the customer's words, in declared order. */
    public List<String> messageParams() {
        return List.copyOf(patterns.keySet());
    }

    /** Whether the call needs the customer's verified identity. */
    public boolean needsIdentity() {
        return cfg.params().values().stream().anyMatch(LookupConfig.Param::identity);
    }

    /** Whether {@code param} is the customer's verified identity. */
    public boolean isIdentity(String param) {
        LookupConfig.Param p = cfg.params().get(param);
        return p != null && p.identity();
    }

    /**
     * The value of {@code param} in {@code text} (NFKC-normalised, so full-width digits count): the pattern's first
     * match, or its first group when it has one.
     */
    public Optional<String> find(String param, String text) {
        Pattern p = patterns.get(param);
        if (p == null || text == null) {
            return Optional.empty();
        }
        Matcher m = p.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC));
        if (!m.find()) {
            return Optional.empty();
        }
        String v = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
        return v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** Whether {@code value} is a valid value of {@code param} (its pattern matches all of it). */
    public boolean accepts(String param, String value) {
        Pattern p = patterns.get(param);
        return p != null && value != null && p.matcher(value).matches();
    }

    /** The parameters still missing from {@code values}, in declared order (identity parameters never are). */
    public List<String> missing(Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (String p : patterns.keySet()) {
            if (values.get(p) == null || values.get(p).isBlank()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The call for these values (all parameters present, identity included). It asks for JSON in the conversation's
     * {@code language} ({@code Accept-Language}), for APIs that localise their texts.
     */
    LookupTransport.Call call(Map<String, String> values, String language, ObjectMapper json) {
        Map<String, String> headers = new LinkedHashMap<>(cfg.request().headers());
        if (cfg.request().auth() != null) {
            headers.put("Authorization", "Bearer " + cfg.request().auth().bearer());
        }
        headers.put("Accept", "application/json");
        if (language != null && !language.isBlank()) {
            headers.put("Accept-Language", language);
        }
        byte[] bytes = null;
        if (cfg.request().method() == LookupConfig.Method.POST) {
            ObjectNode node = json.createObjectNode();
            body.forEach((k, t) -> node.put(k, t.render(values, null)));
            bytes = node.toString().getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json; charset=utf-8");
        }
        String target = url.render(values, null, v -> URLEncoder.encode(v, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        return new LookupTransport.Call(cfg.request().method().name(), target, headers, bytes,
                cfg.request().timeout(), MAX_ANSWER_BYTES);
    }

    /** Whether a successful answer holds the record: not empty, and a value at {@code found-at} when configured. */
    boolean holdsRecord(JsonNode answer) {
        JsonNode at = foundAt == null ? answer : foundAt.read(answer);
        return at != null && !at.isMissingNode() && !at.isNull() && !(at.isContainerNode() && at.isEmpty())
                && !(at.isTextual() && at.asText().isBlank());
    }

    /** The answer template in {@code language}, filled in. */
    public String answer(String language, Map<String, String> values, JsonNode result) {
        return Template.parse(cfg.answer().in(language)).render(values, result);
    }

    public String notFound(String language, Map<String, String> values) {
        return Template.parse(cfg.onNotFound().in(language)).render(values, null);
    }

    public String apology(String language, Map<String, String> values) {
        return Template.parse(cfg.apology().in(language)).render(values, null);
    }

    /** What the bot asks for a missing parameter. */
    public String ask(String param, String language) {
        return cfg.params().get(param).ask().in(language);
    }

    /** The request as logs show it: the URL template, never the values. */
    String describe() {
        return cfg.request().method() + " " + cfg.request().url();
    }

    MaskedJson masked() {
        return masked;
    }

    /** The API's answer as the model may see it: the {@code mask:} fields blanked. */
    public JsonNode maskedForModel(JsonNode answer) {
        return masked.mask(answer);
    }
}
