package dev.baton.wechat.crypto;

/**
 * A callback that failed verification or decryption. The {@link Reason} says what the HTTP layer answers: a bad
 * signature is an authentication failure, a wrong receive id is a message for someone else, the rest is a
 * malformed body.
 */
public final class WxCryptoException extends Exception {

    /** Why a callback was refused. */
    public enum Reason {
        /** The signature does not match the token, timestamp, nonce (and ciphertext). */
        BAD_SIGNATURE,
        /** The ciphertext is not Base64, not a whole number of AES blocks, or the padding is invalid. */
        BAD_CIPHERTEXT,
        /** The decrypted length prefix does not fit the decrypted data. */
        BAD_LENGTH,
        /** The trailing appid / corpid is not ours. */
        WRONG_RECEIVER
    }

    private final Reason reason;

    public WxCryptoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
