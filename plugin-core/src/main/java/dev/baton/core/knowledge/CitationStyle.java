package dev.baton.core.knowledge;

import dev.baton.core.config.Localized;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an answer from the knowledge names its source to the customer ({@code knowledge.citation}): by the entry's
 * title ({@code title}, the default: "来源：怎么退货？"), not at all ({@code none}), or by a template with
 * {@code {title}}, {@code {section}} (the headings above the entry) and {@code {label}} (the localized "来源："/
 * "Source: ") — a string, or one per language ({@code {zh: "…", en: "…"}}).
 *
 * <p>Customers never see file names or extensions: those are for the people who maintain the knowledge (they stay in
 * {@link KnowledgeAnswer#citation()}, which agents see). The line is plain text (WeChat and WhatsApp show no Markdown),
 * names each entry once even when an answer used it twice, and is not added when the answer already carries it.
 */
public final class CitationStyle {

    private static final Pattern MARKUP = Pattern.compile("\\*\\*|__|`|\\s+");

    private enum Kind { TITLE, NONE, TEMPLATE }

    private final Kind kind;
    private final Localized template;

    private CitationStyle(Kind kind, Localized template) {
        this.kind = kind;
        this.template = template;
    }

    /** The label and the entries' titles: "来源：怎么退货？". */
    public static CitationStyle title() {
        return new CitationStyle(Kind.TITLE, null);
    }

    /** No citation line. */
    public static CitationStyle none() {
        return new CitationStyle(Kind.NONE, null);
    }

    /** One line per entry from {@code template}, with {@code {title}}, {@code {section}}, {@code {label}}. */
    public static CitationStyle template(Localized template) {
        return new CitationStyle(Kind.TEMPLATE, Objects.requireNonNull(template, "template"));
    }

    /**
     * The style a config value names: absent or {@code title} → {@link #title()}, {@code none} → {@link #none()},
     * anything else a {@link #template}. See {@link #problem} for the values that are refused.
     */
    public static CitationStyle of(Localized value) {
        if (value == null) {
            return title();
        }
        String single = value.in("*");
        if (value.isSingle() && single.strip().equalsIgnoreCase("title")) {
            return title();
        }
        if (value.isSingle() && single.strip().equalsIgnoreCase("none")) {
            return none();
        }
        return template(value);
    }

    /** What is wrong with a config value, if anything: a template must name {@code {title}} or {@code {section}}. */
    public static Optional<String> problem(Localized value) {
        if (value == null || of(value).kind != Kind.TEMPLATE) {
            return Optional.empty();
        }
        for (String text : value.texts().values()) {
            if (!text.contains("{title}") && !text.contains("{section}")) {
                return Optional.of("must be title, none, or a template naming {title} or {section}, got \"" + text
                        + "\"");
            }
        }
        return Optional.empty();
    }

    /**
     * The citation line for the entries an answer used (in order), or {@code ""} when there is nothing to name
     * (style {@code none}, or no entry has a title).
     */
    public String line(List<KnowledgeAnswer> used, String language, Localized label) {
        if (kind == Kind.NONE) {
            return "";
        }
        Set<String> parts = new LinkedHashSet<>();
        for (KnowledgeAnswer a : used) {
            String title = plain(a.title());
            if (title.isEmpty()) {
                continue;
            }
            parts.add(kind == Kind.TITLE ? title : plain(template.format(language, Map.of("title", title,
                    "section", plain(a.section()), "label", label.in(language)))));
        }
        if (parts.isEmpty()) {
            return "";
        }
        if (kind == Kind.TEMPLATE) {
            return String.join("\n", parts);
        }
        return label.in(language) + String.join(language != null && language.startsWith("zh") ? "；" : "; ", parts);
    }

    /** {@code answer} and its citation line after a blank line, unless the line is empty or the answer has it. */
    public String append(String answer, List<KnowledgeAnswer> used, String language, Localized label) {
        String line = line(used, language, label);
        String text = answer.strip();
        if (line.isEmpty() || text.contains(line)) {
            return text;
        }
        return text + "\n\n" + line;
    }

    private static String plain(String s) {
        return s == null ? "" : MARKUP.matcher(s).replaceAll(m -> m.group().isBlank() ? " " : "").strip();
    }
}
