package dev.baton.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects config problems during validation. Each problem names the full key and the fix, e.g.
 * {@code channels.wechat.token: required; set it, e.g. token: ${WECHAT_TOKEN}}.
 */
public final class ConfigProblems {

    private final List<String> problems = new ArrayList<>();

    public void add(String key, String problemAndFix) {
        problems.add(key + ": " + problemAndFix);
    }

    /** Adds "required" when the value is null or blank. */
    public void require(String key, Object value, String fix) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(key, "required; " + fix);
        }
    }

    public List<String> all() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }
}
