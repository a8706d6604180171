package dev.baton.core.config;

/**
 * What the bot says on its own behalf (YAML {@code messages:}). Each text is {@link Localized}; placeholders in
 * braces are filled in.
 *
 * @param welcome          on subscribe / entering the chat
 * @param notSure          no confident knowledge answer
 * @param sourceLabel      printed before the citation of a knowledge answer
 * @param queued           handoff confirmation: {position}, {wait} (minutes)
 * @param stillQueued      a queued customer writes again: {position}
 * @param backToBot        a human resolved the conversation and the bot is back
 * @param unsupportedMedia the customer sent something the bot cannot read (image without text, …)
 * @param smallTalk        short replies to greetings, thanks, "在吗", "are you a bot?" … ({@code small-talk:})
 * @param notCovered       put before the closest answer to a yes/no question about something the knowledge never
 *                         names ("Do you ship to Mars?"): {terms} are those words, quoted
 */
public record BotMessages(Localized welcome, Localized notSure, Localized sourceLabel, Localized queued,
                          Localized stillQueued, Localized backToBot, Localized unsupportedMedia,
                          SmallTalkReplies smallTalk, Localized notCovered) {

    /** The default {@code notCovered}. */
    public static final Localized NOT_COVERED = Localized.of(
            "我这里的资料没有提到{terms}，所以没法确认。以下是最相关的信息；如需确认，可以回复“转人工”。",
            "I have no information about {terms}, so I can't confirm that. Here is the closest I have; reply "
                    + "\"agent\" if you'd like a person to check.");

    public BotMessages {
        smallTalk = smallTalk != null ? smallTalk : SmallTalkReplies.defaults();
        notCovered = notCovered != null ? notCovered : NOT_COVERED;
        if (welcome == null || notSure == null || sourceLabel == null || queued == null || stillQueued == null
                || backToBot == null || unsupportedMedia == null) {
            BotMessages d = defaults();
            welcome = welcome != null ? welcome : d.welcome;
            notSure = notSure != null ? notSure : d.notSure;
            sourceLabel = sourceLabel != null ? sourceLabel : d.sourceLabel;
            queued = queued != null ? queued : d.queued;
            stillQueued = stillQueued != null ? stillQueued : d.stillQueued;
            backToBot = backToBot != null ? backToBot : d.backToBot;
            unsupportedMedia = unsupportedMedia != null ? unsupportedMedia : d.unsupportedMedia;
        }
    }

    public static BotMessages defaults() {
        return new BotMessages(
                Localized.of("您好！我是智能客服，有什么可以帮您？需要人工服务请回复“转人工”。",
                        "Hi! I'm the virtual assistant. How can I help? Reply \"agent\" to talk to a person."),
                Localized.of("抱歉，这个问题我暂时没有找到可靠的答案。您可以换个说法，或回复“转人工”联系人工客服。",
                        "Sorry, I couldn't find a reliable answer to that. You can rephrase it, or reply \"agent\" "
                                + "to talk to a person."),
                Localized.of("来源：", "Source: "),
                Localized.of("已为您转接人工客服，您目前排在第 {position} 位，预计等待约 {wait} 分钟。请稍候，您无需重复描述问题。",
                        "I'm connecting you to a person. You are number {position} in the queue; the expected "
                                + "wait is about {wait} min. You won't need to repeat yourself."),
                Localized.of("人工客服马上就来，您目前排在第 {position} 位。", "A person will be with you shortly; you "
                        + "are number {position} in the queue."),
                Localized.of("人工服务已结束，智能客服继续为您服务。还有其他问题吗？",
                        "Our agent has finished. I'm back to help; anything else?"),
                Localized.of("抱歉，我暂时只能阅读文字消息，请用文字描述您的问题。",
                        "Sorry, I can only read text for now. Please describe your question in words."),
                SmallTalkReplies.defaults(), NOT_COVERED);
    }
}
