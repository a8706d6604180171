package dev.baton.core.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One message (or event) a platform delivered, normalised.
 *
 * @param channel           the channel it came from
 * @param platformMessageId the platform's own id, unique per channel: the dedup key of the inbound log
 *                          (WeChat MsgId, or FromUserName+CreateTime for events; WhatsApp wamid; WeCom msgid).
 *                          Kept as a string: WeChat ids exceed 2^53.
 * @param customerId        the customer's id on the platform (openid, external_userid, wa_id, dev name)
 * @param customerName      display name if the platform gives one, else null
 * @param channelAccount    the business-side account the customer wrote to (OA ToUserName, WeCom open_kfid,
 *                          WhatsApp phone_number_id, ...) or null; replies leave through the same account
 * @param sentAt            when the platform says it was sent
 * @param content           what was sent
 * @param tierClaim         the customer's tier as the channel vouches for it (a tester on the dev channel, a
 *                          signed-in visitor of a web widget), applied before this message is triaged; null when the
 *                          channel says nothing about the tier (platforms never do)
 */
public record InboundMessage(Channel channel, String platformMessageId, String customerId, String customerName,
                             String channelAccount, Instant sentAt, InboundContent content, TierClaim tierClaim) {

    /** A message that says nothing about the customer's tier. */
    public InboundMessage(Channel channel, String platformMessageId, String customerId, String customerName,
                          String channelAccount, Instant sentAt, InboundContent content) {
        this(channel, platformMessageId, customerId, customerName, channelAccount, sentAt, content, null);
    }

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(platformMessageId, "platformMessageId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(content, "content");
        sentAt = sentAt == null ? Instant.now() : sentAt;
    }

    /**
     * The tier a channel vouches for: {@code tier} null means "no tier" (clears it). Its shape is the customer
     * profile's ({@code Customer.tierProblem}); the channel checks it before accepting the message.
     */
    public record TierClaim(String tier) {
    }
}
