package dev.baton.config;

import java.util.List;

/** The config cannot be used. Each problem is one line naming the key and the fix; no stack trace is shown. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
