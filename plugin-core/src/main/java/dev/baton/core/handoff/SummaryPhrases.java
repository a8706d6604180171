package dev.baton.core.handoff;

import java.util.List;
import java.util.Map;

/**
 * The words of the {@link ExtractiveSummarizer}'s sentences, in Chinese or English (every other language gets
 * English). Quotes arrive already in quotation marks.
 */
final class SummaryPhrases {

    private static final SummaryPhrases ZH = new SummaryPhrases(true);
    private static final SummaryPhrases EN = new SummaryPhrases(false);

    private static final Map<String, String[]> MEDIA = Map.of(
            "image", new String[]{"图片", "an image"},
            "audio", new String[]{"语音", "a voice message"},
            "voice", new String[]{"语音", "a voice message"},
            "video", new String[]{"视频", "a video"},
            "file", new String[]{"文件", "a file"},
            "document", new String[]{"文件", "a document"},
            "sticker", new String[]{"表情", "a sticker"},
            "location", new String[]{"位置", "a location"},
            "contacts", new String[]{"名片", "contact cards"});

    private final boolean zh;

    private SummaryPhrases(boolean zh) {
        this.zh = zh;
    }

    static SummaryPhrases in(String language) {
        return HandoffLabels.isChinese(language) ? ZH : EN;
    }

    boolean chinese() {
        return zh;
    }

    String language() {
        return zh ? "zh" : "en";
    }

    StringBuilder space(StringBuilder sb) {
        return zh || sb.isEmpty() ? sb : sb.append(' ');
    }

    String stop() {
        return zh ? "。" : ".";
    }

    String bracket(String s) {
        return zh ? "（" + s + "）" : " (" + s + ")";
    }

    String noQuestionButPerson() {
        return zh ? "客户要求转人工，但还没有说明是什么问题。" : "The customer asked for a person without saying what about.";
    }

    String noQuestion() {
        return zh ? "客户还没有提出具体问题。" : "The customer has not asked a question yet.";
    }

    String current(String quote) {
        return zh ? "客户现在的问题是" + quote : "The customer's latest question is " + quote;
    }

    String answered() {
        return zh ? "，机器人已作答" : "; the bot answered it";
    }

    String answeredFromKnowledge() {
        return zh ? "，机器人已用知识库作答" : "; the bot answered it from the knowledge";
    }

    String answeredFrom(String source) {
        return zh ? "，机器人已按" + source + "作答" : "; the bot answered it from " + source;
    }

    String noAnswer() {
        return zh ? "，机器人在知识库中没有找到答案" : "; the bot found no answer in the knowledge";
    }

    String requestedWithIt() {
        return zh ? "，并在同一条消息里要求转人工" : "; they asked for a person in the same message";
    }

    String notAnswered() {
        return zh ? "，机器人还没有回答" : "; the bot has not answered it";
    }

    String then(List<String> parts) {
        return zh ? "，之后客户" + join(parts, "，", "，并") : ", then they " + join(parts, ", ", " and ");
    }

    String thenPart(HandoffBrief.Kind kind, String text) {
        return switch (kind) {
            case DETAIL -> zh ? "提供了" + text : "gave " + text;
            case UPSET -> zh ? "表示不满：" + text : "replied upset: " + text;
            case REQUEST -> zh ? "要求转人工" : "asked for a person";
            case BUTTON -> zh ? "点了转人工按钮" : "pressed the human button";
            case MEDIA -> zh ? "发送了机器人无法识别的" + media(text) : "sent " + media(text) + " the bot cannot read";
        };
    }

    String details(List<String> quotes) {
        return zh ? "客户提供了" + String.join("、", quotes) + "。" : "They gave " + join(quotes, ", ", " and ") + ".";
    }

    String earlier(List<String> items, int more) {
        if (zh) {
            return "此前还问过" + String.join("、", items) + (more > 0 ? "等 " + (items.size() + more) + " 个问题" : "")
                    + "。";
        }
        return "Before that they asked " + join(items, ", ", " and ") + (more > 0 ? " (and " + more + " more)" : "")
                + ".";
    }

    String shortAnswered() {
        return zh ? "已作答" : "answered";
    }

    String shortAnsweredFrom(String source) {
        return zh ? "已按" + source + "作答" : "answered from " + source;
    }

    String shortNoAnswer() {
        return zh ? "没有找到答案" : "no answer";
    }

    String shortNotAnswered() {
        return zh ? "未回答" : "not answered";
    }

    String askedForPerson() {
        return zh ? "客户要求转人工。" : "They asked for a person.";
    }

    String pressedButton() {
        return zh ? "客户点了转人工按钮。" : "They pressed the human button.";
    }

    String soundsUpset() {
        return zh ? "客户情绪不佳。" : "They sound upset.";
    }

    String upset() {
        return zh ? "客户情绪激动。" : "They are upset.";
    }

    String upset(String quote) {
        return zh ? "客户情绪激动：" + quote + "。" : "They are upset: " + quote + ".";
    }

    String upsetFor(int messages) {
        return zh ? "客户已有 " + messages + " 条消息情绪激动。" : "They have been upset for " + messages + " messages.";
    }

    String upsetFor(int messages, String quote) {
        return zh ? "客户已有 " + messages + " 条消息情绪激动，最重的一句是" + quote + "。"
                : "They have been upset for " + messages + " messages, worst of all: " + quote + ".";
    }

    String askedTimes(int times) {
        return zh ? "这个问题已经问了 " + times + " 次。" : "They have asked this " + (times == 2 ? "twice"
                : times + " times") + ".";
    }

    String missesInARow(int n) {
        return zh ? "机器人连续 " + n + " 个问题都没有答上来。" : "The bot could not answer " + n + " questions in a row.";
    }

    String manyAnswers(int n) {
        return zh ? "机器人已经回答了 " + n + " 个问题，仍没有解决。" : "The bot has answered " + n
                + (n == 1 ? " question" : " questions") + " without settling it.";
    }

    String identity(String topic) {
        if (zh) {
            return "需要人工核实客户身份" + (topic == null ? "" : "（" + topic + "）") + "。";
        }
        return "A person needs to verify the customer's identity" + (topic == null ? "" : " (" + topic + ")") + ".";
    }

    String complaint() {
        return zh ? "这是投诉。" : "It is a complaint.";
    }

    String vip() {
        return zh ? "客户是 VIP。" : "The customer is a VIP.";
    }

    String assistantHandedOver() {
        return zh ? "智能助手判断需要人工处理。" : "The assistant judged that a person should take over.";
    }

    String modelUnavailable() {
        return zh ? "大模型暂时不可用，机器人无法回答。" : "The AI model was unavailable, so the bot could not answer.";
    }

    String unreadable(String kind) {
        return zh ? "客户发送了机器人无法识别的" + media(kind) + "。" : "They sent " + media(kind) + " the bot cannot read.";
    }

    String leftMessage() {
        return zh ? "客户留言，请按留下的联系方式回电或回复。" : "They left a message to be called or written back.";
    }

    /** The business look-ups' latest results, each already quoted (without its own full stop). */
    String lookups(List<String> quotes) {
        return zh ? "查询结果：" + String.join("；", quotes) + "。"
                : "The look-ups returned " + join(quotes, ", ", " and ") + ".";
    }

    String lookupFailed() {
        return zh ? "查询业务系统失败，机器人无法回答。" : "A look-up in the business's system failed, so the bot could not answer.";
    }

    String takenOver() {
        return zh ? "客服从机器人手中接管了对话。" : "An agent took the conversation over from the bot.";
    }

    String writesIn(String language) {
        boolean chinese = HandoffLabels.isChinese(language);
        if (zh) {
            return chinese ? "客户使用中文。" : "en".equalsIgnoreCase(language) ? "客户使用英文。"
                    : "客户使用的语言：" + language + "。";
        }
        return chinese ? "They write in Chinese." : "en".equalsIgnoreCase(language) ? "They write in English."
                : "They write in " + language + ".";
    }

    private String media(String kind) {
        String[] names = kind == null ? null : MEDIA.get(kind);
        if (names == null) {
            return zh ? "消息" : "a message";
        }
        return zh ? names[0] : names[1];
    }

    private static String join(List<String> parts, String sep, String last) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(sep, parts.subList(0, parts.size() - 1)) + last + parts.get(parts.size() - 1);
    }
}
