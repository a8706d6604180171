package dev.baton.config;

import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelModules;
import dev.baton.core.plugin.ChannelRuntime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code channels:} each block names an installed channel ({@link ChannelModules}) and is bound to that module's
 * config type by the {@link ConfigLoader}; each block present turns its channel on (unless the module says the block
 * switches it off, as {@code channels.dev.enabled: false} does). The app knows no channel by name.
 */
public final class ChannelsConfig {

    private final ChannelModules installed;
    private final Map<String, Configured<?>> byKey;

    ChannelsConfig(ChannelModules installed, List<Configured<?>> configured) {
        this.installed = installed;
        Map<String, Configured<?>> map = new LinkedHashMap<>();
        configured.forEach(c -> map.put(c.key(), c));
        this.byKey = map;
    }

    /** No channel configured, none installed (a config built in code). */
    public static ChannelsConfig none() {
        return new ChannelsConfig(ChannelModules.of(List.of()), List.of());
    }

    /**
     * One configured channel: its module and its bound config.
     *
     * @param <C> the module's config type
     */
    public record Configured<C extends Validated>(ChannelModule<C> module, C config) {

        public String key() {
            return module.channel().key();
        }

        public boolean enabled() {
            return module.enabled(config);
        }

        public List<String> secrets() {
            return module.secrets(config);
        }

        public ChannelRuntime create(ChannelContext context) {
            return module.create(config, context);
        }
    }

    /** Every channel that has a block, in the order of the file. */
    public List<Configured<?>> configured() {
        return List.copyOf(byKey.values());
    }

    /** The channels to build: configured and not switched off. */
    public List<Configured<?>> enabled() {
        return byKey.values().stream().filter(Configured::enabled).toList();
    }

    /** True when {@code channels.<key>} is present and does not switch the channel off. */
    public boolean isEnabled(String key) {
        Configured<?> c = byKey.get(key);
        return c != null && c.enabled();
    }

    /** The bound config of {@code channels.<key>}, when present. */
    public <C> Optional<C> config(String key, Class<C> type) {
        return Optional.ofNullable(byKey.get(key)).map(Configured::config).filter(type::isInstance).map(type::cast);
    }

    /** The channels installed (found on the class path), whether configured or not. */
    public ChannelModules installed() {
        return installed;
    }

    /** Validates each block under its own key, e.g. {@code channels.whatsapp.app-secret}. */
    void validate(ConfigProblems problems) {
        for (Configured<?> c : byKey.values()) {
            c.config().validate("channels." + c.key(), problems);
        }
    }

    /** The secret values of every block. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        byKey.values().forEach(c -> out.addAll(c.secrets()));
        return out;
    }
}
