package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What agents read instead of codes: a short label for each {@link HandoffReason} ("客户要求人工" / "asked for a
 * person") and for the built-in triage intents ("申请退款" / "refund request"), in Chinese or English. Codes stay the
 * stable names in the API, the analytics and the policy's explanation; these are only for people.
 *
 * <p>An intent the business added itself (triage {@code intents} in the config) has no built-in label: it reads as its
 * name with the underscores turned into spaces ({@code warranty_claim} → "warranty claim"), unless the inbox names it
 * ({@code inbox.intent-labels}). Any language other than {@code zh} gets the English label.
 */
public final class HandoffLabels {

    private record Label(String zh, String en) {
        String in(String language) {
            return isChinese(language) ? zh : en;
        }
    }

    private static final Map<HandoffReason, Label> REASONS = new EnumMap<>(Map.ofEntries(
            Map.entry(HandoffReason.EXPLICIT_REQUEST, new Label("客户要求人工", "asked for a person")),
            Map.entry(HandoffReason.BUTTON, new Label("点了转人工按钮", "pressed the human button")),
            Map.entry(HandoffReason.NEGATIVE_SENTIMENT, new Label("情绪激动", "upset")),
            Map.entry(HandoffReason.REPEATED_QUESTION, new Label("重复提问", "asked again")),
            Map.entry(HandoffReason.KNOWLEDGE_MISS, new Label("机器人答不上来", "bot had no answer")),
            Map.entry(HandoffReason.TURN_LIMIT, new Label("对话过长", "long conversation")),
            Map.entry(HandoffReason.SENSITIVE_INTENT, new Label("需核实身份", "needs identity check")),
            Map.entry(HandoffReason.COMPLAINT, new Label("投诉", "complaint")),
            Map.entry(HandoffReason.VIP, new Label("VIP 客户", "VIP")),
            Map.entry(HandoffReason.AGENT_TOOL, new Label("智能助手转人工", "assistant handed over")),
            Map.entry(HandoffReason.LLM_UNAVAILABLE, new Label("大模型不可用", "AI model unavailable")),
            Map.entry(HandoffReason.UNSUPPORTED_MEDIA, new Label("无法识别的消息", "unreadable message")),
            Map.entry(HandoffReason.LOOKUP_FAILED, new Label("业务查询失败", "look-up failed")),
            Map.entry(HandoffReason.AGENT_TAKEOVER, new Label("客服主动接管", "agent took over")),
            Map.entry(HandoffReason.CALLBACK, new Label("留言待回复", "left a message"))));

    /** The intents of {@code baton/triage/defaults.yaml}. */
    private static final Map<String, Label> INTENTS = Map.ofEntries(
            Map.entry("human_agent", new Label("找人工", "wants a person")),
            Map.entry("complaint", new Label("投诉", "complaint")),
            Map.entry("feedback", new Label("意见反馈", "feedback")),
            Map.entry("contact_info", new Label("联系方式", "contact details")),
            Map.entry("order_status", new Label("订单状态", "order status")),
            Map.entry("cancel_order", new Label("取消订单", "cancel an order")),
            Map.entry("change_order", new Label("修改订单", "change an order")),
            Map.entry("refund_request", new Label("申请退款", "refund request")),
            Map.entry("refund_dispute", new Label("退款争议", "refund dispute")),
            Map.entry("payment_problem", new Label("支付问题", "payment problem")),
            Map.entry("invoice", new Label("发票", "invoice")),
            Map.entry("account_access", new Label("账号登录", "account access")),
            Map.entry("account_change", new Label("修改账号信息", "account change")),
            Map.entry("large_transfer", new Label("大额转账", "large transfer")),
            Map.entry("fraud", new Label("疑似欺诈", "possible fraud")),
            Map.entry("identity_check", new Label("身份核实", "identity check")),
            Map.entry("shipping_info", new Label("配送信息", "shipping")),
            Map.entry("product_info", new Label("商品信息", "product information")),
            Map.entry("greeting", new Label("问候", "greeting")),
            Map.entry("thanks", new Label("感谢", "thanks")));

    private HandoffLabels() {
    }

    /** True for {@code zh}, {@code zh-CN}, {@code zh_TW}…: the languages that get the Chinese labels. */
    public static boolean isChinese(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** The reason as agents read it, in {@code language}. */
    public static String reason(HandoffReason reason, String language) {
        return REASONS.get(reason).in(language);
    }

    /** The reason with this code as agents read it; an unknown code reads as itself, made readable. */
    public static String reason(String code, String language) {
        return HandoffReason.fromCode(code).map(r -> reason(r, language)).orElseGet(() -> humanize(code));
    }

    /** The built-in label of a triage intent, if it has one. */
    public static Optional<String> builtInIntent(String intent, String language) {
        return intent == null ? Optional.empty()
                : Optional.ofNullable(INTENTS.get(intent.toLowerCase(Locale.ROOT))).map(l -> l.in(language));
    }

    /** The intent as agents read it: its built-in label, else its name made readable; null for null. */
    public static String intent(String intent, String language) {
        return intent == null ? null : builtInIntent(intent, language).orElseGet(() -> humanize(intent));
    }

    /** {@code warranty_claim} → "warranty claim". */
    static String humanize(String code) {
        return code == null ? "" : code.replace('_', ' ').replace('-', ' ').strip();
    }
}
