package dev.baton.wechat.oa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundContent.EventKind;
import dev.baton.core.channel.InboundContent.MediaKind;
import dev.baton.core.channel.InboundMessage;
import dev.baton.wechat.xml.SafeXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import dev.baton.wechat.config.WeChatConfig;

/**
 * Maps one pushed Official Account message (decrypted XML) onto an {@link InboundMessage}.
 *
 * <p>The platform message id is {@code MsgId} for messages and {@code FromUserName + CreateTime} for events, the
 * key WeChat documents for de-duplicating its retries.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/guide/product/message/Receiving_standard_messages.html">接收普通消息</a>
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/guide/product/message/Receiving_event_pushes.html">接收事件推送</a>
 */
final class OaMessageMapper {

    private static final Logger log = LoggerFactory.getLogger(OaMessageMapper.class);

    private final String humanMenuKey;

    OaMessageMapper(String humanMenuKey) {
        this.humanMenuKey = humanMenuKey;
    }

    /** Empty when the XML lacks the fields every message has (FromUserName, MsgType). */
    Optional<InboundMessage> map(JsonNode xml) {
        Optional<String> from = SafeXml.text(xml, "FromUserName");
        Optional<String> type = SafeXml.text(xml, "MsgType");
        if (from.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        String createTime = SafeXml.text(xml, "CreateTime").orElse("0");
        String msgType = type.get().toLowerCase(Locale.ROOT);
        String id = SafeXml.text(xml, "MsgId").orElseGet(() -> from.get() + createTime);
        InboundContent content = content(xml, msgType);
        if (content instanceof InboundContent.Unsupported u) {
            log.info("wechat: unsupported message type {} (id {})", u.platformType(), id);
        }
        return Optional.of(new InboundMessage(WeChatConfig.CHANNEL, id, from.get(), null,
                SafeXml.text(xml, "ToUserName").orElse(null), instant(createTime), content));
    }

    private InboundContent content(JsonNode xml, String msgType) {
        return switch (msgType) {
            case "text" -> new InboundContent.Text(SafeXml.text(xml, "Content").orElse(""));
            case "image" -> media(xml, MediaKind.IMAGE, null);
            case "voice" -> media(xml, MediaKind.VOICE, SafeXml.text(xml, "Recognition").orElse(null));
            case "video", "shortvideo" -> media(xml, MediaKind.VIDEO, null);
            case "location" -> new InboundContent.Location(
                    number(xml, "Location_X"), number(xml, "Location_Y"), SafeXml.text(xml, "Label").orElse(null));
            case "link" -> new InboundContent.Link(SafeXml.text(xml, "Title").orElse(null),
                    SafeXml.text(xml, "Url").orElse(null));
            case "event" -> event(xml);
            default -> new InboundContent.Unsupported(msgType);
        };
    }

    private static InboundContent media(JsonNode xml, MediaKind kind, String recognition) {
        return new InboundContent.Media(kind, SafeXml.text(xml, "MediaId").orElse(null), null, recognition);
    }

    private InboundContent event(JsonNode xml) {
        String event = SafeXml.text(xml, "Event").orElse("");
        String key = SafeXml.text(xml, "EventKey").orElse(null);
        return switch (event.toLowerCase(Locale.ROOT)) {
            case "subscribe" -> new InboundContent.Event(EventKind.SUBSCRIBE, key);
            case "unsubscribe" -> new InboundContent.Event(EventKind.UNSUBSCRIBE, null);
            case "click" -> new InboundContent.ButtonTap(key, key, key != null && key.equals(humanMenuKey));
            case "view" -> new InboundContent.Event(EventKind.VIEW, key);
            default -> new InboundContent.Event(EventKind.OTHER, event);
        };
    }

    private static double number(JsonNode xml, String field) {
        try {
            return Double.parseDouble(SafeXml.text(xml, field).orElse("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(String epochSeconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
