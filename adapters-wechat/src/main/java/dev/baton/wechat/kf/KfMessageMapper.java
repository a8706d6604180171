package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundContent.EventKind;
import dev.baton.core.channel.InboundContent.MediaKind;
import dev.baton.core.channel.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import dev.baton.wechat.config.WeComKfConfig;

/**
 * Maps one {@code sync_msg} entry onto an {@link InboundMessage}, by {@code origin}: 3 = the customer (answered
 * by the bot), 4 = a platform event, 5 = a servicer writing from WeCom (a human takeover). Entries without a
 * customer (e.g. a servicer's own status change) are skipped.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/94670">读取消息 · 消息类型 · 事件消息</a>
 */
final class KfMessageMapper {

    static final int ORIGIN_CUSTOMER = 3;
    static final int ORIGIN_EVENT = 4;
    static final int ORIGIN_SERVICER = 5;
    private static final Logger log = LoggerFactory.getLogger(KfMessageMapper.class);

    Optional<InboundMessage> map(JsonNode msg) {
        String msgid = msg.path("msgid").asText("");
        String openKfid = msg.path("open_kfid").asText(msg.path("event").path("open_kfid").asText(""));
        String customer = msg.path("external_userid").asText(msg.path("event").path("external_userid").asText(""));
        if (msgid.isEmpty() || customer.isEmpty()) {
            return Optional.empty();
        }
        int origin = msg.path("origin").asInt(0);
        String type = msg.path("msgtype").asText("");
        InboundContent content = switch (origin) {
            case ORIGIN_CUSTOMER -> customerContent(msg, type);
            case ORIGIN_SERVICER -> new InboundContent.ServicerReply(
                    msg.path("servicer_userid").asText(null), summary(msg, type));
            case ORIGIN_EVENT -> event(msg.path("event"));
            default -> null;
        };
        if (content == null) {
            return Optional.empty();
        }
        if (content instanceof InboundContent.Unsupported u) {
            log.info("wecom-kf: unsupported message type {} (msgid {})", u.platformType(), msgid);
        }
        long sendTime = msg.path("send_time").asLong(0);
        return Optional.of(new InboundMessage(WeComKfConfig.CHANNEL, msgid, customer, null,
                openKfid.isEmpty() ? null : openKfid, sendTime > 0 ? Instant.ofEpochSecond(sendTime) : null, content));
    }

    private static InboundContent customerContent(JsonNode msg, String type) {
        return switch (type) {
            case "text" -> {
                JsonNode text = msg.path("text");
                String menuId = text.path("menu_id").asText("");
                yield menuId.isEmpty()
                        ? new InboundContent.Text(text.path("content").asText(""))
                        : new InboundContent.ButtonTap(menuId, text.path("content").asText(""), false);
            }
            case "image" -> media(msg, type, MediaKind.IMAGE);
            case "voice" -> media(msg, type, MediaKind.VOICE);
            case "video" -> media(msg, type, MediaKind.VIDEO);
            case "file" -> media(msg, type, MediaKind.FILE);
            case "location" -> {
                JsonNode l = msg.path("location");
                String name = l.path("name").asText("");
                yield new InboundContent.Location(l.path("latitude").asDouble(), l.path("longitude").asDouble(),
                        name.isEmpty() ? l.path("address").asText(null) : name);
            }
            case "link" -> new InboundContent.Link(msg.path("link").path("title").asText(null),
                    msg.path("link").path("url").asText(null));
            default -> new InboundContent.Unsupported(type);
        };
    }

    private static InboundContent media(JsonNode msg, String type, MediaKind kind) {
        return new InboundContent.Media(kind, msg.path(type).path("media_id").asText(null), null, null);
    }

    private static String summary(JsonNode msg, String type) {
        return "text".equals(type) ? msg.path("text").path("content").asText("") : "[" + type + "]";
    }

    private static InboundContent event(JsonNode event) {
        String type = event.path("event_type").asText("");
        return switch (type) {
            case "enter_session" -> new InboundContent.Event(EventKind.ENTER_SESSION,
                    event.path("scene_param").asText(null));
            case "session_status_change" -> new InboundContent.Event(EventKind.SESSION_STATUS_CHANGED,
                    statusDetail(event));
            default -> new InboundContent.Event(EventKind.OTHER, type);
        };
    }

    /**
     * {@code change_type} 1 = taken from the pool, 2 = transferred, 3 = ended, 4 = reopened by a servicer. The detail
     * reads {@code taken:<servicer>}, {@code transferred:<servicer>}, {@code ended}, {@code reopened:<servicer>}.
     */
    static String statusDetail(JsonNode event) {
        String servicer = event.path("new_servicer_userid").asText("");
        return switch (event.path("change_type").asInt(0)) {
            case 1 -> "taken:" + servicer;
            case 2 -> "transferred:" + servicer;
            case 3 -> "ended";
            case 4 -> "reopened:" + servicer;
            default -> "unknown:" + event.path("change_type").asText("");
        };
    }
}
