package dev.baton.wechat.api;

import dev.baton.core.state.KeyValueStore;
import dev.baton.core.state.SharedLeases;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One access token for every Baton instance on the same database: kept in the shared key-value state (table
 * {@code kv_state}, key {@code wechat.access-token.<name>}), fetched by one instance at a time under the lease
 * {@code token/<name>}. WeChat's classic {@code /cgi-bin/token} invalidates the previous token whenever a new one is
 * issued, so instances that each fetched their own would keep invalidating each other's.
 *
 * <p>The token is stored as issued (the database holds Baton's other secrets' effects too: keep it private); it is
 * never logged.
 */
public final class SharedToken {

    private final String name;
    private final KeyValueStore state;
    private final SharedLeases leases;

    /** @param name the channel's token name ({@code wechat}, {@code wecom-kf}) */
    public SharedToken(String name, KeyValueStore state, SharedLeases leases) {
        this.name = Objects.requireNonNull(name);
        this.state = Objects.requireNonNull(state);
        this.leases = Objects.requireNonNull(leases);
    }

    /** The token as the shared state has it, if any (a value that does not parse counts as none). */
    Optional<AccessToken> read() {
        return state.get(key()).flatMap(SharedToken::decode);
    }

    void write(AccessToken token) {
        state.put(key(), token.expiresAt().toEpochMilli() + ":" + token.value());
    }

    /** Whether this instance may fetch a new token now (no other instance is fetching one). */
    boolean tryLock() {
        return leases.tryAcquire("token/" + name);
    }

    void unlock() {
        leases.release("token/" + name);
    }

    private String key() {
        return "wechat.access-token." + name;
    }

    private static Optional<AccessToken> decode(String stored) {
        int colon = stored.indexOf(':');
        if (colon <= 0 || colon == stored.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccessToken(stored.substring(colon + 1),
                    Instant.ofEpochMilli(Long.parseLong(stored.substring(0, colon)))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
