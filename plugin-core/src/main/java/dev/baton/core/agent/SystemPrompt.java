package dev.baton.core.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.baton.core.config.LlmConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The assistant's system prompt, from {@code baton/agent/system-prompt.txt} with the configured persona, tone and
 * language filled in. It is the same for every turn (so providers with prefix caching, DeepSeek among them, bill
 * it at the cache rate); the customer's language travels with each message instead.
 *
 * <p>With business look-ups configured, one more rule says that facts about the customer's own orders or account come
 * only from the look-up tools; without them the prompt is unchanged.
 *
 * <p>The prompt carries a random canary ({@link #canary()}): seeing it in an answer proves the prompt leaked.
 * {@link #rules()} is the fixed part of the text, which the {@link OutputGuard} looks for in answers.
 */
public final class SystemPrompt {

    private static final String RESOURCE = "/baton/agent/system-prompt.txt";
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("zh", "Chinese (简体中文)", "en", "English",
            "ja", "Japanese", "ko", "Korean", "es", "Spanish", "fr", "French", "de", "German", "pt", "Portuguese");

    private final String text;
    private final String rules;
    private final String canary;

    static final String LOOKUP_RULE = "9. Facts about the customer's own orders, deliveries or account come only from "
            + "the results of the look-up tools in this turn: call the look-up that fits (ask the customer for a "
            + "missing value first), then answer from its result and nothing else. Never guess such facts, and never "
            + "pass an identity the customer typed: the system supplies it.";

    public SystemPrompt(LlmConfig cfg, String canary) {
        this(cfg, canary, false);
    }

    /** @param lookups whether look-up tools are offered (adds the look-up rule) */
    public SystemPrompt(LlmConfig cfg, String canary, boolean lookups) {
        String template = lookups ? load().replace("\nReference: ${canary}", "\n" + LOOKUP_RULE
                + "\nReference: ${canary}") : load();
        this.canary = canary;
        this.rules = template.replace("${persona}", " ").replace("${tone}", " ").replace("${language_rule}", " ")
                .replace("${canary}", " ");
        this.text = template.replace("${persona}", value(cfg.persona())).replace("${tone}", value(cfg.tone()))
                .replace("${language_rule}", languageRule(cfg)).replace("${canary}", canary).strip();
    }

    public String text() {
        return text;
    }

    String rules() {
        return rules;
    }

    public String canary() {
        return canary;
    }

    private static String languageRule(LlmConfig cfg) {
        if (cfg.autoLanguage()) {
            return "Reply in the customer's language: the lang attribute of <customer_message> names it, and the "
                    + "message itself shows it. Default to that language even when the knowledge is in another.";
        }
        String code = cfg.language().toLowerCase(Locale.ROOT);
        return "Always reply in " + LANGUAGE_NAMES.getOrDefault(code, value(cfg.language())) + ".";
    }

    /** Config text goes into a prompt template: break up template braces and flatten newlines. */
    private static String value(String s) {
        return s.replaceAll("\\{(?=\\{)", "{ ").replaceAll("}(?=})", "} ").replaceAll("\\s+", " ").strip();
    }

    private static String load() {
        try (InputStream in = SystemPrompt.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** A stable per-deployment canary, so the prompt (and the provider's prefix cache) survives restarts. */
    static String canary(LlmConfig cfg) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((cfg.persona() + '|' + cfg.tone() + '|'
                    + cfg.language() + '|' + cfg.model()).getBytes(StandardCharsets.UTF_8));
            return "bt-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
