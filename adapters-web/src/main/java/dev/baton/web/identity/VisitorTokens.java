package dev.baton.web.identity;

import dev.baton.core.state.KeyValueStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The widget's credentials: a token Baton issues to a visitor (after checking the site's hash for a signed-in user)
 * and reads back on every call, in the {@code Authorization} header, never in a cookie, so no other site can ride it.
 * A token is {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, the payload holding the customer
 * id, whether the site vouched for it, the name and tier the site gave, and an expiry. Nothing is stored per visitor:
 * an anonymous visitor's history is theirs as long as they keep the token (first-party storage of the host page).
 *
 * <p>The key is 32 random bytes kept in the durable key-value state ({@value #KEY_NAME}), so tokens survive a restart
 * and every instance on one database shares them. Thread-safe.
 */
public final class VisitorTokens {

    static final String KEY_NAME = "web/token-key";
    private static final char SEP = '\n';
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Tokens longer than this are not even decoded. */
    private static final int MAX_TOKEN = 2048;

    private final ThreadLocal<Mac> mac;
    private final Clock clock;

    public VisitorTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a token key has at least 32 bytes");
        }
        byte[] k = key.clone();
        this.clock = clock;
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(k, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /**
     * The tokens signed with the key kept in {@code state}, made (32 random bytes) on the first start. Two instances
     * starting at the same moment on an empty database may both write one: the second read settles on the stored key.
     */
    public static VisitorTokens fromState(KeyValueStore state, SecureRandom random, Clock clock) {
        Optional<String> stored = state.get(KEY_NAME);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            state.put(KEY_NAME, B64.encodeToString(fresh));
            stored = state.get(KEY_NAME);
        }
        return new VisitorTokens(B64D.decode(stored.orElseThrow()), clock);
    }

    /** A token for {@code visitor}, valid for {@code ttl}. */
    public String issue(Visitor visitor, Duration ttl) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = String.join(String.valueOf(SEP), visitor.customerId(), visitor.verified() ? "1" : "0",
                nz(visitor.name()), nz(visitor.tier()), Long.toString(expires));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(sign(bytes));
    }

    /** The visitor a token names, when Baton signed it and it has not expired; empty for anything else. */
    public Optional<Visitor> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64D.decode(token.substring(0, dot));
            byte[] given = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), given)) {
                return Optional.empty();
            }
            String[] f = new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
            if (f.length != 5 || Instant.ofEpochSecond(Long.parseLong(f[4])).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Visitor(f[0], "1".equals(f[1]), blankToNull(f[2]), blankToNull(f[3])));
        } catch (IllegalArgumentException e) { // bad base64, bad number, bad id: not our token
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] payload) {
        return mac.get().doFinal(payload);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
