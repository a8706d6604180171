package dev.baton.web.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The site's proof that a visitor is its signed-in user, as Intercom and Chatwoot do it: the site's server computes
 * {@code user-hash = hex(HMAC-SHA256(identity-secret, user-id))} and puts it in the page next to the id. Only a hash
 * made with the secret matches, so a visitor who edits the page to claim another user id gets refused. Compared in
 * constant time; thread-safe (a keyed {@link Mac} per thread).
 */
public final class UserHash {

    private final ThreadLocal<Mac> mac;

    public UserHash(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The hash of a user id, lower-case hex (what the site computes). */
    public String of(String userId) {
        Mac m = mac.get();
        return HexFormat.of().formatHex(m.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when {@code hash} (hex, either case) is this secret's hash of {@code userId}. */
    public boolean matches(String userId, String hash) {
        if (userId == null || hash == null) {
            return false;
        }
        byte[] expected = of(userId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = hash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
