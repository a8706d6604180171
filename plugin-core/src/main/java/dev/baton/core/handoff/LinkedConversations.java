package dev.baton.core.handoff;

import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.Store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sentence a handoff summary gets when the customer is linked to identities on other channels (the same person,
 * as the business or an agent said): the latest real question the person asked on each of those conversations, so
 * the agent has the whole story without opening them. It is for agents only: the bot's own context (its memory, its
 * answers) never includes another identity's conversation, so nothing said on one channel is repeated to whoever
 * writes on another.
 */
final class LinkedConversations {

    /** At most this many other conversations are named. */
    static final int MAX = 3;

    private LinkedConversations() {
    }

    /** The sentence in {@code language} (the summary's), or "" when the customer is linked to nobody who asked. */
    static String sentence(Store store, Connection c, long customerId, String language) throws SQLException {
        List<Long> group = store.links().group(c, customerId);
        if (group.size() < 2) {
            return "";
        }
        boolean zh = HandoffLabels.isChinese(language);
        List<String> asked = new ArrayList<>();
        for (long id : group) {
            if (id == customerId || asked.size() >= MAX) {
                continue;
            }
            Optional<Customer> other = store.customers().byId(c, id);
            Optional<Conversation> conv = store.conversations().byCustomer(c, id);
            if (other.isEmpty() || conv.isEmpty()) {
                continue;
            }
            HandoffBrief.Question q = HandoffBrief.read(store.messages().transcript(c, conv.get().id()), t -> false)
                    .current();
            if (q != null) {
                String channel = channel(other.get().channel().key(), zh);
                asked.add(zh ? "“" + q.text() + "”（" + channel + "）" : "“" + q.text() + "” (" + channel + ")");
            }
        }
        if (asked.isEmpty()) {
            return "";
        }
        return zh ? "该客户在其他渠道问过：" + String.join("；", asked) + "。"
                : " On other channels the same customer asked " + String.join("; ", asked) + ".";
    }

    private static String channel(String key, boolean zh) {
        return switch (key) {
            case "web" -> zh ? "网页聊天" : "web chat";
            case "whatsapp" -> "WhatsApp";
            case "wechat" -> zh ? "微信公众号" : "WeChat";
            case "wecom-kf" -> zh ? "微信客服" : "WeChat support";
            case "dev" -> zh ? "测试聊天" : "test chat";
            default -> key;
        };
    }
}
