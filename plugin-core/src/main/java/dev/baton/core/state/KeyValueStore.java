package dev.baton.core.state;

import java.util.Optional;

/** Small durable state that is not part of the domain, such as a platform's sync cursor. */
public interface KeyValueStore {

    Optional<String> get(String key);

    void put(String key, String value);

    /** An in-memory store for tests and tools. */
    static KeyValueStore inMemory() {
        java.util.concurrent.ConcurrentHashMap<String, String> map = new java.util.concurrent.ConcurrentHashMap<>();
        return new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public void put(String key, String value) {
                map.put(key, value);
            }
        };
    }
}
