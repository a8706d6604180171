package dev.baton.core.config;

import dev.baton.core.conversation.SmallTalkKind;

/**
 * The bot's short replies to small talk (YAML {@code messages.small-talk}), one per {@link SmallTalkKind}, each
 * {@link Localized}. A small-talk reply is not a knowledge answer: it carries no citation, and the turn counts neither
 * as a knowledge miss nor toward the turn limit. Any reply left out keeps its default.
 *
 * @param greeting        "hi", "你好"
 * @param presence        "在吗", "anyone there?"
 * @param thanks          "thanks!", "谢谢"
 * @param acknowledgement "ok", "好的", 👍
 * @param goodbye         "bye", "再见"
 * @param identity        "are you a bot?", "what can you do?"
 * @param chitchat        "how are you?", "tell me a joke"
 */
public record SmallTalkReplies(Localized greeting, Localized presence, Localized thanks, Localized acknowledgement,
                               Localized goodbye, Localized identity, Localized chitchat) {

    public SmallTalkReplies {
        if (greeting == null || presence == null || thanks == null || acknowledgement == null || goodbye == null
                || identity == null || chitchat == null) {
            SmallTalkReplies d = defaults();
            greeting = greeting != null ? greeting : d.greeting;
            presence = presence != null ? presence : d.presence;
            thanks = thanks != null ? thanks : d.thanks;
            acknowledgement = acknowledgement != null ? acknowledgement : d.acknowledgement;
            goodbye = goodbye != null ? goodbye : d.goodbye;
            identity = identity != null ? identity : d.identity;
            chitchat = chitchat != null ? chitchat : d.chitchat;
        }
    }

    /** The reply to a kind of small talk. */
    public Localized reply(SmallTalkKind kind) {
        return switch (kind) {
            case GREETING -> greeting;
            case PRESENCE -> presence;
            case THANKS -> thanks;
            case ACKNOWLEDGEMENT -> acknowledgement;
            case GOODBYE -> goodbye;
            case IDENTITY -> identity;
            case CHITCHAT -> chitchat;
        };
    }

    public static SmallTalkReplies defaults() {
        return new SmallTalkReplies(
                Localized.of("您好！请问有什么可以帮您？", "Hi! How can I help you today?"),
                Localized.of("在的！请问有什么可以帮您？", "Yes, I'm here. How can I help?"),
                Localized.of("不客气！还有其他问题随时问我。", "You're welcome! Anything else I can help with?"),
                Localized.of("好的。还有其他需要，随时告诉我。", "Great. If there's anything else, just ask."),
                Localized.of("感谢您的咨询，再见！", "Thanks for chatting. Goodbye!"),
                Localized.of("我是智能客服助手，不是真人，可以回答常见问题。需要人工服务请回复“转人工”。",
                        "I'm the virtual assistant, not a person. I can answer common questions; reply \"agent\" "
                                + "any time to talk to a person."),
                Localized.of("我是智能客服，主要解答与我们服务相关的问题。请问有什么可以帮您？",
                        "I'm the virtual assistant, here for questions about our service. What can I do for you?"));
    }
}
