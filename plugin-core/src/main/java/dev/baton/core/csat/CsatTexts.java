package dev.baton.core.csat;

import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.config.Localized;

import java.util.List;

/**
 * The built-in wording of a satisfaction request, in Chinese and English. The text form names the scale and says a
 * comment may follow the number, because that is all a text-only channel can offer; the interactive form is shorter
 * because the choices carry the scale.
 */
public final class CsatTexts {

    /** The question as text: what WeChat, WeCom and the dev channel send. */
    public static final Localized ASK = Localized.of(
            "请为本次人工服务打分：回复 1–5（5 = 非常满意，1 = 非常不满意），可以在数字后面写几句评价。",
            "How did we do? Please rate the help you got from our team: reply 1–5 (5 = very good, 1 = very poor); "
                    + "you can add a comment after the number.");

    /** The question above tappable choices (WhatsApp's list). */
    public static final Localized PROMPT = Localized.of(
            "请为本次人工服务打分：点下方“评分”选择 1–5，也可以直接回复数字和评价。",
            "How did we do? Tap “Rate us” to choose 1–5, or reply with a number and a comment.");

    /** The label of the button that opens the choices (WhatsApp allows 20 characters). */
    public static final Localized ACTION = Localized.of("评分", "Rate us");

    /** The reply to a rating. */
    public static final Localized THANKS = Localized.of("感谢您的评价！", "Thank you for your rating!");

    private static final List<Localized> LABELS = List.of(
            Localized.of("非常不满意", "Very poor"),
            Localized.of("不满意", "Poor"),
            Localized.of("一般", "OK"),
            Localized.of("满意", "Good"),
            Localized.of("非常满意", "Very good"));

    private CsatTexts() {
    }

    /** The built-in request in {@code language} (what a channel receives unless {@code inbox.csat.ask} is set). */
    public static OutboundMessage.RatingRequest request(String language) {
        return request(ASK, language);
    }

    /** The request in {@code language}, with {@code ask} as its text form. */
    static OutboundMessage.RatingRequest request(Localized ask, String language) {
        List<OutboundMessage.RatingChoice> choices = new java.util.ArrayList<>();
        for (int score = 5; score >= 1; score--) {
            choices.add(new OutboundMessage.RatingChoice(score, score + " · " + LABELS.get(score - 1).in(language)));
        }
        return new OutboundMessage.RatingRequest(ask.in(language), PROMPT.in(language), ACTION.in(language), choices);
    }
}
