package dev.baton.inbox.desk;

import dev.baton.core.config.Localized;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.inbox.analytics.Analytics;
import dev.baton.inbox.config.InboxConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What agents read instead of codes, in the desk's language: reasons, intents (built in, and the business's own as
 * {@code inbox.intent-labels} names them), and the reasons of the analytics report.
 */
class DeskLabelsTest {

    private static final Map<String, Localized> OWN = Map.of("warranty_claim", Localized.of("保修申请",
            "warranty claim"));

    @Test
    void should_label_reasons_in_chinese_and_in_english() {
        List<HandoffReason> reasons = List.of(HandoffReason.NEGATIVE_SENTIMENT, HandoffReason.REPEATED_QUESTION,
                HandoffReason.SENSITIVE_INTENT);

        assertThat(new DeskLabels("zh", OWN).reasons(reasons)).containsExactly("情绪激动", "重复提问", "需核实身份");
        assertThat(new DeskLabels("en", OWN).reasons(reasons))
                .containsExactly("upset", "asked again", "needs identity check");
        assertThat(new DeskLabels("zh", OWN).reason("knowledge_miss")).isEqualTo("机器人答不上来");
        assertThat(new DeskLabels("en", OWN).reason("button")).isEqualTo("pressed the human button");
    }

    @Test
    void should_name_a_business_look_up_by_its_description_unless_the_inbox_names_it() {
        InboxConfig configured = new InboxConfig(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, OWN, null).withIntentLabelDefaults(Map.of(
                "invoice_copy", Localized.of("补开发票", "invoice copy request"),
                "warranty_claim", Localized.of("保修查询", "warranty look-up")));
        DeskLabels zh = new DeskLabels("zh", configured.intentLabels());
        DeskLabels en = new DeskLabels("en", configured.intentLabels());

        assertThat(zh.lookup("invoice_copy")).isEqualTo("补开发票");
        assertThat(en.lookup("invoice_copy")).isEqualTo("invoice copy request");
        assertThat(zh.lookup("warranty_claim")).as("inbox.intent-labels wins over the description").isEqualTo("保修申请");
        assertThat(zh.lookup("order_status")).as("no description: the built-in intent label").isEqualTo("订单状态");
        assertThat(en.lookup("store_hours")).as("neither: the name made readable").isEqualTo("store hours");
    }

    @Test
    void should_label_intents_built_in_configured_and_unknown_without_underscores() {
        DeskLabels zh = new DeskLabels("zh", OWN);
        DeskLabels en = new DeskLabels("en", OWN);

        assertThat(zh.intent("refund_request")).isEqualTo("申请退款");
        assertThat(en.intent("refund_request")).isEqualTo("refund request");
        assertThat(zh.intent("Warranty_Claim")).as("the business's own, as configured").isEqualTo("保修申请");
        assertThat(en.intent("warranty_claim")).isEqualTo("warranty claim");
        assertThat(en.intent("loyalty_points_question")).as("unknown: the name made readable")
                .isEqualTo("loyalty points question");
        assertThat(en.intent(null)).isNull();
    }

    @Test
    void should_give_the_analytics_report_each_reason_as_agents_read_it() {
        try (DeskFixture f = new DeskFixture()) {
            f.queued("support");
            f.queued("support");

            Analytics.Report zh = new Analytics(f.store, new DeskLabels("zh", Map.of()), Clock.systemUTC())
                    .report(Duration.ofDays(7));
            Analytics.Report en = new Analytics(f.store, new DeskLabels("en", Map.of()), Clock.systemUTC())
                    .report(Duration.ofDays(7));

            assertThat(zh.byReason()).containsOnlyKeys("explicit_request");
            assertThat(zh.reasonLabels()).containsExactly(Map.entry("explicit_request", "客户要求人工"));
            assertThat(en.reasonLabels()).containsExactly(Map.entry("explicit_request", "asked for a person"));
        }
    }
}
