package dev.baton.core.config;

/** A config record that checks itself after binding. {@code prefix} is its key path, e.g. {@code channels.wechat}. */
public interface Validated {

    void validate(String prefix, ConfigProblems problems);
}
