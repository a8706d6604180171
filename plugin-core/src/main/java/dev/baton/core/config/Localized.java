package dev.baton.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer-facing text in several languages, e.g. {@code {zh: "…", en: "…"}}. In YAML it may also be a plain
 * string, used for every language. Lookups fall back to English, then to any text.
 */
public final class Localized {

    private final Map<String, String> texts;

    private Localized(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    public static Localized of(String zh, String en) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zh", zh);
        m.put("en", en);
        return new Localized(m);
    }

    @JsonCreator
    public static Localized fromMap(Map<String, String> texts) {
        return new Localized(texts);
    }

    @JsonCreator
    public static Localized fromString(String text) {
        return new Localized(Map.of("*", text));
    }

    /** The text for a language ({@code zh}, {@code en}, {@code zh-CN} → zh), with fallbacks. */
    public String in(String language) {
        String lang = language == null ? "en" : language.toLowerCase(java.util.Locale.ROOT);
        int dash = lang.indexOf('-');
        if (dash > 0) {
            lang = lang.substring(0, dash);
        }
        String t = texts.get(lang);
        if (t == null) {
            t = texts.get("*");
        }
        if (t == null) {
            t = texts.get("en");
        }
        return t != null ? t : texts.values().stream().findFirst().orElse("");
    }

    /** {@link #in} with {@code {name}} placeholders filled. */
    public String format(String language, Map<String, ?> values) {
        String t = in(language);
        for (Map.Entry<String, ?> e : values.entrySet()) {
            t = t.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return t;
    }

    /** True when this is one text for every language (a plain string in YAML). */
    public boolean isSingle() {
        return texts.size() == 1 && texts.containsKey("*");
    }

    @JsonValue
    public Map<String, String> texts() {
        return texts;
    }
}
