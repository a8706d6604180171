package dev.baton.inbox.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Agent passwords as PBKDF2-HMAC-SHA256 hashes from the JDK ({@code javax.crypto}, no extra dependency), stored as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. Verification is constant time.
 */
public final class PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    /** Hashes with a given work factor (tests use fewer iterations). */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /**
     * The work parameters of a stored hash: what one verification against it costs. Two hashes with equal params
     * take the same work to check, whatever their salts and values.
     *
     * @param iterations PBKDF2 iterations
     * @param saltBytes  salt length
     * @param hashBytes  derived key length
     */
    public record Params(int iterations, int saltBytes, int hashBytes) {
    }

    /** The params of {@code stored}, or empty when it is not a well-formed hash of this format. */
    public static Optional<Params> params(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] p = stored.split("\\$");
        if (p.length != 4 || !PREFIX.equals(p[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Params(Integer.parseInt(p[1]), Base64.getDecoder().decode(p[2]).length,
                    Base64.getDecoder().decode(p[3]).length));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when {@code password} matches {@code stored}; false for any malformed hash. */
    public static boolean verify(char[] password, String stored) {
        if (stored == null) {
            return false;
        }
        String[] p = stored.split("\\$");
        if (p.length != 4 || !PREFIX.equals(p[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
