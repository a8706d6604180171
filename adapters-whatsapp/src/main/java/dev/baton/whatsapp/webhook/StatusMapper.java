package dev.baton.whatsapp.webhook;

import dev.baton.core.channel.DeliveryStatus;

import java.time.Instant;
import java.util.Optional;
import dev.baton.whatsapp.config.WhatsAppConfig;

/**
 * Maps a WhatsApp {@code statuses[]} item onto a {@link DeliveryStatus}. Only {@code sent}, {@code delivered},
 * {@code read} and {@code failed} matter to Baton; others (such as {@code deleted}) are skipped. Out-of-order
 * arrival is the store's concern: it only moves a message forward, except for {@code failed}. The status's
 * {@code biz_opaque_callback_data} is the outbox reference {@link dev.baton.whatsapp.send.WhatsAppSender} set on the
 * request: it names the reply even when the instance that sent it died before recording the message id.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components#statuses-object">
 * Statuses object</a>
 */
final class StatusMapper {

    private final java.time.Clock clock;

    StatusMapper(java.time.Clock clock) {
        this.clock = clock;
    }

    Optional<DeliveryStatus> toStatus(Delivery.Status s) {
        if (s.id() == null || s.status() == null) {
            return Optional.empty();
        }
        DeliveryStatus.State state = switch (s.status()) {
            case "sent" -> DeliveryStatus.State.SENT;
            case "delivered" -> DeliveryStatus.State.DELIVERED;
            case "read" -> DeliveryStatus.State.READ;
            case "failed" -> DeliveryStatus.State.FAILED;
            default -> null;
        };
        if (state == null) {
            return Optional.empty();
        }
        String code = null;
        String title = null;
        if (s.errors() != null && !s.errors().isEmpty()) {
            Delivery.Error e = s.errors().get(0);
            code = e.codeString();
            title = e.title() != null ? e.title() : e.message();
            if (e.errorData() != null && e.errorData().details() != null && !e.errorData().details().equals(title)) {
                title = title == null ? e.errorData().details() : title + " (" + e.errorData().details() + ")";
            }
        }
        Instant sent = MessageMapper.epochSeconds(s.timestamp());
        Instant at = sent == null ? clock.instant() : sent;
        return Optional.of(new DeliveryStatus(WhatsAppConfig.CHANNEL, s.id(), s.recipientId(), state, at, code, title,
                s.bizOpaqueCallbackData()));
    }
}
