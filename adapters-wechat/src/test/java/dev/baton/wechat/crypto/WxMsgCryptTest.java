package dev.baton.wechat.crypto;

import dev.baton.wechat.crypto.WxCryptoException.Reason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official documented vectors come first: the Official Account encryption guide
 * (developers.weixin.qq.com/doc/subscription/guide/dev/push/encryption, Token "AAAAA", EncodingAESKey "A"×43,
 * appid wxba5fad812f8e6fb9) and the WeCom 加解密方案 example (Token "QDG6eK", corpid wx5823bf96d3bd56c7,
 * EncodingAESKey jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C).
 */
class WxMsgCryptTest {

    static final String OA_TOKEN = "AAAAA";
    static final String OA_AES_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    static final String OA_APPID = "wxba5fad812f8e6fb9";

    static final String WECOM_TOKEN = "QDG6eK";
    static final String WECOM_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String WECOM_CORPID = "wx5823bf96d3bd56c7";

    @Nested
    class OfficialAccountDocumentedVectors {

        @Test
        void should_match_documented_url_verification_signature() {
            // GET ?signature=f464b2…&echostr=4375120948345356249&timestamp=1714036504&nonce=1514711492
            assertThat(WxSignature.compute(OA_TOKEN, "1714036504", "1514711492"))
                    .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
        }

        @Test
        void should_match_documented_plain_mode_push_signature() {
            assertThat(WxSignature.matches("899cf89e464efb63f54ddac96b0a0a235f53aa78", OA_TOKEN, "1714037059",
                    "486452656")).isTrue();
        }

        @Test
        void should_verify_and_decrypt_documented_safe_mode_push() throws Exception {
            String encrypt = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
            WxMsgCrypt crypt = new WxMsgCrypt(OA_TOKEN, OA_AES_KEY, OA_APPID);

            String msg = crypt.verifyAndDecrypt("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3", "1714112445",
                    "415670741", encrypt);

            assertThat(msg).isEqualTo("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
                    + "\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}");
            assertThat(msg.getBytes(StandardCharsets.UTF_8)).hasSize(167);
        }

        @Test
        void should_reproduce_documented_encrypted_reply() {
            WxMsgCrypt crypt = new WxMsgCrypt(OA_TOKEN, OA_AES_KEY, OA_APPID,
                    () -> "707722b803182950".getBytes(StandardCharsets.US_ASCII));

            String encrypt = crypt.encrypt("{\"demo_resp\":\"good luck\"}");

            assertThat(encrypt).isEqualTo(
                    "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==");
            assertThat(WxSignature.compute(OA_TOKEN, "1713424427", "415670741", encrypt))
                    .isEqualTo("1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1");
        }
    }

    @Nested
    class WeComDocumentedVectors {

        @Test
        void should_verify_and_decrypt_documented_url_verification_echostr() throws Exception {
            WxMsgCrypt crypt = new WxMsgCrypt(WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORPID);

            String echo = crypt.verifyAndDecrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589",
                    "263014780", "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==");

            assertThat(echo).isEqualTo("1616140317555161061");
        }

        @Test
        void should_verify_and_decrypt_documented_callback_message() throws Exception {
            WxMsgCrypt crypt = new WxMsgCrypt(WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORPID);

            String xml = crypt.verifyAndDecrypt("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813",
                    "1372623149", WECOM_DOC_ENCRYPT);

            assertThat(xml).contains("<FromUserName><![CDATA[mycreate]]></FromUserName>")
                    .contains("<Content><![CDATA[hello]]></Content>")
                    .contains("<MsgId>4561255354251345929</MsgId>")
                    .contains("<AgentID>218</AgentID>");
        }

        @Test
        void should_round_trip_documented_reply_example() throws Exception {
            WxMsgCrypt crypt = new WxMsgCrypt(WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORPID);
            String reply = "<xml><ToUserName><![CDATA[mycreate]]></ToUserName><Content><![CDATA[this is a test 测试]]></Content></xml>";

            String envelope = crypt.encryptedReplyXml(reply, "1409659813", "1372623149");
            String encrypt = envelope.replaceAll(".*<Encrypt><!\\[CDATA\\[(.*?)]]>.*", "$1");
            String signature = envelope.replaceAll(".*<MsgSignature><!\\[CDATA\\[(.*?)]]>.*", "$1");

            assertThat(crypt.verifyAndDecrypt(signature, "1409659813", "1372623149", encrypt)).isEqualTo(reply);
        }
    }

    @Nested
    class Rejections {

        final WxMsgCrypt crypt = new WxMsgCrypt(WECOM_TOKEN, WECOM_AES_KEY, WECOM_CORPID);

        @Test
        void should_refuse_bad_signature_before_decrypting() {
            assertThatThrownBy(() -> crypt.verifyAndDecrypt("0000000000000000000000000000000000000000", "1409659813",
                    "1372623149", "not even base64 !!!"))
                    .isInstanceOfSatisfying(WxCryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }

        @Test
        void should_refuse_message_for_another_corpid() {
            WxMsgCrypt other = new WxMsgCrypt(WECOM_TOKEN, WECOM_AES_KEY, "wwsomeoneelse");

            assertThatThrownBy(() -> other.decrypt(WECOM_DOC_ENCRYPT))
                    .isInstanceOfSatisfying(WxCryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_RECEIVER));
        }

        @Test
        void should_refuse_bad_padding() throws Exception {
            byte[] full = rawBlock(new byte[]{1, 2, 3}, 0); // last byte 0 is never valid PKCS#7

            assertThatThrownBy(() -> crypt.decrypt(encryptRaw(full)))
                    .isInstanceOfSatisfying(WxCryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CIPHERTEXT));
        }

        @Test
        void should_refuse_length_larger_than_data() throws Exception {
            byte[] plain = new byte[64];
            ByteBuffer.wrap(plain, 16, 4).putInt(1_000_000);
            Arrays.fill(plain, 32, 64, (byte) 32); // one whole block of valid padding

            assertThatThrownBy(() -> crypt.decrypt(encryptRaw(plain)))
                    .isInstanceOfSatisfying(WxCryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH));
        }

        @Test
        void should_refuse_ciphertext_that_is_not_whole_blocks() {
            assertThatThrownBy(() -> crypt.decrypt(Base64.getEncoder().encodeToString(new byte[17])))
                    .isInstanceOfSatisfying(WxCryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CIPHERTEXT));
        }

        @Test
        void should_pad_to_multiples_of_32_bytes() {
            for (int n = 0; n < 70; n++) {
                byte[] raw = Base64.getDecoder().decode(crypt.encrypt("x".repeat(n)));
                assertThat(raw.length % 32).isZero();
            }
        }

        private byte[] rawBlock(byte[] msg, int lastByte) {
            byte[] plain = new byte[32];
            ByteBuffer.wrap(plain, 16, 4).putInt(msg.length);
            plain[31] = (byte) lastByte;
            return plain;
        }

        private String encryptRaw(byte[] plain) throws Exception {
            byte[] key = Base64.getDecoder().decode(WECOM_AES_KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOf(key, 16)));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        }
    }

    static final String WECOM_DOC_ENCRYPT = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
}
