package dev.baton.wechat.oa;

import static dev.baton.wechat.xml.SafeXml.cdata;

/**
 * Passive reply documents.
 *
 * @see <a href="https://developers.weixin.qq.com/doc/subscription/guide/product/message/Passive_user_reply_message.html">被动回复用户消息</a>
 */
final class ReplyXml {

    private ReplyXml() {
    }

    static String text(String toUser, String fromAccount, long createTime, String content) {
        return "<xml><ToUserName>" + cdata(toUser) + "</ToUserName><FromUserName>" + cdata(fromAccount)
                + "</FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType>" + cdata("text")
                + "</MsgType><Content>" + cdata(content) + "</Content></xml>";
    }

    /** Hands the customer to WeChat's own 客服 system (多客服). */
    static String transferToCustomerService(String toUser, String fromAccount, long createTime) {
        return "<xml><ToUserName>" + cdata(toUser) + "</ToUserName><FromUserName>" + cdata(fromAccount)
                + "</FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType>"
                + cdata("transfer_customer_service") + "</MsgType></xml>";
    }
}
