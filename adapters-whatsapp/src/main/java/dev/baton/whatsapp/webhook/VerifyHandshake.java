package dev.baton.whatsapp.webhook;

import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The GET handshake Meta performs when the webhook URL is saved: {@code hub.mode=subscribe},
 * {@code hub.verify_token} equal to the configured verify token (compared in constant time), and
 * {@code hub.challenge} echoed back as the body. Anything else is 403.
 *
 * @see <a href="https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests">
 * Verification requests</a>
 */
public final class VerifyHandshake {

    private final byte[] verifyToken;

    public VerifyHandshake(String verifyToken) {
        this.verifyToken = Objects.requireNonNull(verifyToken, "verifyToken").getBytes(StandardCharsets.UTF_8);
    }

    public WebhookResponse answer(WebhookRequest request) {
        String mode = request.queryParam("hub.mode").orElse("");
        byte[] token = request.queryParam("hub.verify_token").orElse("").getBytes(StandardCharsets.UTF_8);
        boolean tokenMatches = MessageDigest.isEqual(verifyToken, token);
        if (!"subscribe".equals(mode) || !tokenMatches) {
            return WebhookResponse.forbidden("verification failed");
        }
        return request.queryParam("hub.challenge")
                .map(WebhookResponse::ok)
                .orElseGet(() -> WebhookResponse.badRequest("hub.challenge missing"));
    }
}
