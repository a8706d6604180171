package dev.baton.wechat.kf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.wechat.api.WxApiClient;
import dev.baton.wechat.api.WxApiException;

/**
 * The 微信客服 endpoints Baton uses.
 *
 * @see <a href="https://developer.work.weixin.qq.com/document/path/94670">读取消息</a>
 * @see <a href="https://developer.work.weixin.qq.com/document/path/94677">发送消息</a>
 * @see <a href="https://developer.work.weixin.qq.com/document/path/94669">分配客服会话</a>
 */
public final class KfApi {

    /** WeCom session states ({@code service_state}). */
    public enum SessionState {
        /** 0: new, not handled yet: the API may answer. */
        UNHANDLED,
        /** 1: handled by the API (智能助手). */
        BOT,
        /** 2: waiting in the pool for a human. */
        QUEUED,
        /** 3: a human servicer is serving. */
        HUMAN,
        /** 4: ended or not started: only a welcome via {@code send_msg_on_event} is possible. */
        ENDED;

        static SessionState of(int code) {
            return code >= 0 && code < values().length ? values()[code] : ENDED;
        }
    }

    /** What {@code service_state/get} says. */
    public record ServiceState(SessionState state, String servicerUserId) {
    }

    private final WxApiClient api;

    public KfApi(WxApiClient api) {
        this.api = api;
    }

    JsonNode syncMsg(String openKfid, String callbackToken, String cursor) throws WxApiException {
        ObjectNode body = api.object().put("limit", 1000).put("voice_format", 0).put("open_kfid", openKfid);
        if (cursor != null && !cursor.isEmpty()) {
            body.put("cursor", cursor);
        }
        if (callbackToken != null && !callbackToken.isEmpty()) {
            body.put("token", callbackToken);
        }
        return api.post("/cgi-bin/kf/sync_msg", body);
    }

    String sendText(String openKfid, String externalUserId, String msgid, String content) throws WxApiException {
        ObjectNode body = api.object().put("touser", externalUserId).put("open_kfid", openKfid)
                .put("msgid", msgid).put("msgtype", "text");
        body.putObject("text").put("content", content);
        return api.post("/cgi-bin/kf/send_msg", body).path("msgid").asText(msgid);
    }

    String sendTextOnEvent(String code, String msgid, String content) throws WxApiException {
        ObjectNode body = api.object().put("code", code).put("msgid", msgid).put("msgtype", "text");
        body.putObject("text").put("content", content);
        return api.post("/cgi-bin/kf/send_msg_on_event", body).path("msgid").asText(msgid);
    }

    ServiceState serviceState(String openKfid, String externalUserId) throws WxApiException {
        JsonNode answer = api.post("/cgi-bin/kf/service_state/get",
                api.object().put("open_kfid", openKfid).put("external_userid", externalUserId));
        String servicer = answer.path("servicer_userid").asText("");
        return new ServiceState(SessionState.of(answer.path("service_state").asInt(4)),
                servicer.isEmpty() ? null : servicer);
    }

    void transfer(String openKfid, String externalUserId, SessionState to, String servicerUserId)
            throws WxApiException {
        ObjectNode body = api.object().put("open_kfid", openKfid).put("external_userid", externalUserId)
                .put("service_state", to.ordinal());
        if (servicerUserId != null) {
            body.put("servicer_userid", servicerUserId);
        }
        api.post("/cgi-bin/kf/service_state/trans", body);
    }
}
