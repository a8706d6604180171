package dev.baton.whatsapp.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the raw request body keyed with the app
 * secret. It runs on the exact bytes received, before any parsing, and compares in constant time.
 *
 * @see <a href="https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads">Validate
 * payloads</a>
 */
public final class SignatureVerifier {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /** One keyed Mac per request thread: {@code Mac.getInstance} + {@code init} (provider lookup, key schedule) cost
     *  more than the HMAC of a typical delivery, and a Mac is not thread-safe. */
    private final ThreadLocal<Mac> macs;

    public SignatureVerifier(String appSecret) {
        Objects.requireNonNull(appSecret, "appSecret");
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail at start-up, not on the first delivery
    }

    /** True only when {@code header} is {@code sha256=} followed by the hex HMAC of {@code body}. */
    public boolean verify(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body), given);
    }

    /** The header value Meta would send for {@code body}; for tests and tools. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(body));
    }

    private byte[] hmac(byte[] body) {
        return macs.get().doFinal(body); // doFinal resets the Mac for the next call, keeping the key
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
