package dev.baton.tools.agent;

import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A 12-entry shop knowledge base (Chinese and English) with keyword retrieval: the stand-in for the Lucene
 * knowledge module in the agent benchmark. A query with none of an entry's keywords finds nothing, as a follow-up
 * question that leans on the previous turn ("那钱多久能回来？") does with real retrieval.
 */
final class BenchKnowledge implements KnowledgeSearch {

    private record Entry(KnowledgeAnswer answer, List<String> keywords) {
    }

    private static Entry e(String id, String q, String a, List<String> keywords) {
        return new Entry(new KnowledgeAnswer(id, q, a, id.replace("#", " › "), 0, true), keywords);
    }

    private static final List<Entry> ENTRIES = List.of(
            e("faq/returns.md#how", "怎么退货？", "签收后 7 天内可申请无理由退货，在订单页点击“申请售后”。", List.of("退货")),
            e("faq/refund.md#time", "退款多久到账？", "退款审核通过后 1–3 个工作日原路退回。", List.of("退款", "到账")),
            e("faq/shipping.md#fee", "运费怎么算？", "订单满 99 元包邮，不满 99 元收取运费 10 元；退货运费由买家承担，质量问题除外。",
                    List.of("运费", "包邮")),
            e("faq/shipping.md#time", "多久发货？", "下单后 48 小时内发货，一般 3–5 天送达。", List.of("发货", "送达")),
            e("faq/invoice.md#how", "怎么开发票？", "在订单详情页点击“申请发票”，电子发票会发到您的邮箱。", List.of("发票")),
            e("faq/warranty.md#scope", "产品有保修吗？", "电子产品享受一年保修，保修期内质量问题免费维修或换新。", List.of("保修")),
            e("faq/en/returns.md#how", "How do I return an item?",
                    "You can return unworn items within 30 days of delivery from the Orders page.", List.of("return")),
            e("faq/en/refunds.md#time", "When will I get my refund?",
                    "Refunds reach your original payment method 5–7 business days after we receive the item.",
                    List.of("refund")),
            e("faq/en/shipping.md#fee", "How much is shipping?",
                    "Shipping is free on orders over $50; otherwise it is $5.99. International rates are shown at "
                            + "checkout.", List.of("shipping")),
            e("faq/en/tracking.md#how", "How can I track my order?",
                    "Use the tracking link in your shipping email, or open Orders › Track.", List.of("track")),
            e("faq/en/warranty.md#scope", "Is there a warranty on electronics?",
                    "Electronics have a 1-year warranty covering defects, not accidental damage.", List.of("warranty")),
            e("faq/en/shipping.md#time", "When will my order arrive?",
                    "Orders ship within 2 business days and arrive in 3–7 days.", List.of("arrive", "delivery time")));

    @Override
    public List<KnowledgeAnswer> search(String query, int k) {
        String q = query.toLowerCase(Locale.ROOT);
        return ENTRIES.stream()
                .map(en -> new Object[]{en, en.keywords().stream().filter(q::contains).count()})
                .filter(x -> (long) x[1] > 0)
                .sorted(Comparator.comparingLong(x -> -(long) x[1]))
                .limit(k)
                .map(x -> {
                    KnowledgeAnswer a = ((Entry) x[0]).answer();
                    return new KnowledgeAnswer(a.id(), a.question(), a.answer(), a.citation(),
                            0.5 + 0.1 * (long) x[1], true);
                })
                .toList();
    }
}
