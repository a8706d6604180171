package dev.baton.wechat.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * WeChat's callback signature: SHA-1 over the lexicographically sorted, concatenated parts (token, timestamp,
 * nonce, and in safe mode the ciphertext), as lower-case hex.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html">消息加解密说明</a>
 */
public final class WxSignature {

    private WxSignature() {
    }

    public static String compute(String... parts) {
        String[] sorted = parts.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = sorted[i] == null ? "" : sorted[i];
        }
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String p : sorted) {
                sha1.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JRE", e);
        }
    }

    /** Constant-time check of a received signature (case-insensitive hex). A null or blank signature never matches. */
    public static boolean matches(String received, String... parts) {
        if (received == null || received.isBlank()) {
            return false;
        }
        byte[] expected = compute(parts).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = received.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
