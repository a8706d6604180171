package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Agents read labels, not codes: every reason (and the built-in intents) in Chinese and English. */
class HandoffLabelsTest {

    @Test
    void should_give_every_reason_its_own_label_in_chinese_and_in_english() {
        Set<String> zh = new HashSet<>();
        Set<String> en = new HashSet<>();
        for (HandoffReason r : HandoffReason.values()) {
            String z = HandoffLabels.reason(r, "zh");
            String e = HandoffLabels.reason(r, "en");
            assertThat(z).as(r.code()).isNotBlank().doesNotContain("_").matches(".*\\p{IsHan}.*");
            assertThat(e).as(r.code()).isNotBlank().doesNotContain("_");
            assertThat(zh.add(z)).as("zh label of %s is unique", r).isTrue();
            assertThat(en.add(e)).as("en label of %s is unique", r).isTrue();
        }
        assertThat(HandoffLabels.reason(HandoffReason.EXPLICIT_REQUEST, "zh-CN")).isEqualTo("客户要求人工");
        assertThat(HandoffLabels.reason("negative_sentiment", "en")).isEqualTo("upset");
        assertThat(HandoffLabels.reason("negative_sentiment", "ja")).as("other languages read English").isEqualTo("upset");
    }

    @Test
    void should_label_the_built_in_intents_and_make_a_business_intent_readable() {
        List<String> builtIn = Arrays.asList("human_agent", "complaint", "feedback", "contact_info", "order_status",
                "cancel_order", "change_order", "refund_request", "refund_dispute", "payment_problem", "invoice",
                "account_access", "account_change", "large_transfer", "fraud", "identity_check", "shipping_info",
                "product_info", "greeting", "thanks");
        for (String intent : builtIn) {
            assertThat(HandoffLabels.builtInIntent(intent, "zh")).as(intent).get().asString()
                    .matches(".*\\p{IsHan}.*");
            assertThat(HandoffLabels.builtInIntent(intent, "en")).as(intent).get().asString().doesNotContain("_");
        }
        assertThat(HandoffLabels.intent("refund_request", "zh")).isEqualTo("申请退款");
        assertThat(HandoffLabels.intent("warranty_claim", "zh")).isEqualTo("warranty claim");
        assertThat(HandoffLabels.intent(null, "en")).isNull();
        assertThat(HandoffLabels.reason("someday_new", "en")).isEqualTo("someday new");
    }
}
