package dev.baton.wechat.crypto;

import dev.baton.wechat.crypto.WxCryptoException.Reason;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The WXBizMsgCrypt scheme used by Official Account safe mode and by WeCom callbacks.
 *
 * <pre>
 * AESKey    = Base64_Decode(EncodingAESKey + "=")               32 bytes; IV = its first 16 bytes
 * FullStr   = random(16) + msg_len(4, network order) + msg + receiveId
 * Encrypt   = Base64(AES-256-CBC(PKCS#7 padded to a multiple of 32 bytes))
 * </pre>
 *
 * The receive id is the Official Account appid or the WeCom corpid; a message decrypted for another receiver is
 * refused. Callers check the signature with {@link WxSignature} <em>before</em> calling {@link #decrypt}:
 * {@link #verifyAndDecrypt} does both in that order.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption.html">消息加解密说明</a>
 * @see <a href="https://developer.work.weixin.qq.com/document/path/90968">加解密方案说明</a>
 */
public final class WxMsgCrypt {

    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final byte[] receiveId;
    private final Supplier<byte[]> random16;

    public WxMsgCrypt(String token, String encodingAesKey, String receiveId) {
        this(token, encodingAesKey, receiveId, WxMsgCrypt::secureRandom16);
    }

    /** With a chosen source of the 16 random bytes, so the documented encryption examples can be reproduced. */
    public WxMsgCrypt(String token, String encodingAesKey, String receiveId, Supplier<byte[]> random16) {
        this.token = Objects.requireNonNull(token, "token");
        byte[] raw = decodeKey(encodingAesKey);
        this.key = new SecretKeySpec(raw, "AES");
        this.iv = new IvParameterSpec(Arrays.copyOf(raw, 16));
        this.receiveId = Objects.requireNonNull(receiveId, "receiveId").getBytes(StandardCharsets.UTF_8);
        this.random16 = random16;
    }

    /** Checks that an EncodingAESKey is 43 characters of Base64 that decode to 32 bytes. */
    public static boolean isValidEncodingAesKey(String encodingAesKey) {
        try {
            decodeKey(encodingAesKey);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] decodeKey(String encodingAesKey) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("EncodingAESKey must be 43 characters");
        }
        byte[] raw = Base64.getDecoder().decode(encodingAesKey + "=");
        if (raw.length != 32) {
            throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes");
        }
        return raw;
    }

    public String token() {
        return token;
    }

    /** Verifies the signature over (token, timestamp, nonce, ciphertext), then decrypts. */
    public String verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String ciphertext)
            throws WxCryptoException {
        if (!WxSignature.matches(msgSignature, token, timestamp, nonce, ciphertext)) {
            throw new WxCryptoException(Reason.BAD_SIGNATURE, "msg_signature does not match");
        }
        return decrypt(ciphertext);
    }

    /** Decrypts one {@code Encrypt} value (or a WeCom {@code echostr}) and checks the receive id. */
    public String decrypt(String ciphertext) throws WxCryptoException {
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(ciphertext == null ? "" : ciphertext.strip());
        } catch (IllegalArgumentException e) {
            throw new WxCryptoException(Reason.BAD_CIPHERTEXT, "ciphertext is not Base64");
        }
        if (data.length == 0 || data.length % 16 != 0) {
            throw new WxCryptoException(Reason.BAD_CIPHERTEXT, "ciphertext is not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, iv);
            plain = cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new WxCryptoException(Reason.BAD_CIPHERTEXT, "AES decryption failed");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new WxCryptoException(Reason.BAD_CIPHERTEXT, "bad PKCS#7 padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new WxCryptoException(Reason.BAD_CIPHERTEXT, "bad PKCS#7 padding");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new WxCryptoException(Reason.BAD_LENGTH, "decrypted data too short");
        }
        long msgLen = ByteBuffer.wrap(plain, 16, 4).getInt() & 0xffffffffL;
        if (msgLen > end - 20L) {
            throw new WxCryptoException(Reason.BAD_LENGTH, "message length exceeds the decrypted data");
        }
        int msgEnd = 20 + (int) msgLen;
        byte[] from = Arrays.copyOfRange(plain, msgEnd, end);
        if (!MessageDigest.isEqual(from, receiveId)) {
            throw new WxCryptoException(Reason.WRONG_RECEIVER, "message is for another appid/corpid");
        }
        return new String(plain, 20, (int) msgLen, StandardCharsets.UTF_8);
    }

    /** Encrypts a reply into an {@code Encrypt} value. */
    public String encrypt(String message) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] random = random16.get();
        if (random.length != 16) {
            throw new IllegalStateException("random prefix must be 16 bytes");
        }
        int len = 16 + 4 + msg.length + receiveId.length;
        int pad = BLOCK - (len % BLOCK);
        ByteBuffer buf = ByteBuffer.allocate(len + pad);
        buf.put(random).putInt(msg.length).put(msg).put(receiveId);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) pad);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(cipher.doFinal(buf.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is required by every JRE", e);
        }
    }

    /** Encrypts a passive reply and wraps it in the signed envelope WeChat expects. */
    public String encryptedReplyXml(String replyXml, String timestamp, String nonce) {
        String encrypt = encrypt(replyXml);
        String signature = WxSignature.compute(token, timestamp, nonce, encrypt);
        return "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt><MsgSignature><![CDATA[" + signature
                + "]]></MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce><![CDATA[" + nonce
                + "]]></Nonce></xml>";
    }

    private static byte[] secureRandom16() {
        // WeChat's samples use 16 printable characters; any 16 bytes decrypt the same way.
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        byte[] out = new byte[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return out;
    }
}
