package dev.baton.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The installed channels: every {@link ChannelModule} on the class path, by key. Two modules claiming one key is a
 * packaging error, reported at once with both classes.
 */
public final class ChannelModules {

    private final Map<String, ChannelModule<?>> byKey;

    private ChannelModules(Map<String, ChannelModule<?>> byKey) {
        this.byKey = byKey;
    }

    /** The modules registered under {@code META-INF/services} and visible to {@code loader}. */
    public static ChannelModules discover(ClassLoader loader) {
        List<ChannelModule<?>> found = new ArrayList<>();
        try {
            for (ChannelModule<?> m : ServiceLoader.load(ChannelModule.class, loader)) {
                found.add(m);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a channel module could not be loaded: " + e.getMessage(), e);
        }
        return of(found);
    }

    /** These modules (tests, hosts that assemble Baton themselves). */
    public static ChannelModules of(Collection<? extends ChannelModule<?>> modules) {
        Map<String, ChannelModule<?>> byKey = new TreeMap<>();
        for (ChannelModule<?> m : modules) {
            ChannelModule<?> before = byKey.putIfAbsent(m.channel().key(), m);
            if (before != null) {
                throw new IllegalStateException("two channel modules claim the key " + m.channel().key() + ": "
                        + before.getClass().getName() + " and " + m.getClass().getName());
            }
        }
        return new ChannelModules(byKey);
    }

    public Optional<ChannelModule<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The installed keys, sorted. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }
}
