package dev.baton.core.lookup;

import dev.baton.core.config.ConfigProblems;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LookupConfigTest {

    /** The block, as an operator writes it (examples with placeholders quoted). */
    static final String ORDER_STATUS = """
            - name: order_status
              description: { zh: 查询订单状态和物流, en: Order status and tracking }
              examples: [我的订单到哪了, '订单 {order} 发货了吗', where is my order, 'track order {order}']
              params:
                order: { pattern: '\\d{8}-\\d{4}|\\d{12,20}', ask: { zh: 请提供订单号, en: 'What is your order number?' } }
              request: { method: GET, url: 'https://api.shop.example.com/orders/{order}', auth: { bearer: tok-123 },
                         timeout: 3s }
              answer:
                zh: '订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。'
                en: 'Order {order}: {$.status_text}, {$.carrier} {$.tracking_no}, expected {$.eta}.'
              on-not-found: { zh: 没有找到这个订单号，请核对一下。, en: I couldn't find that order number. }
              on-error: handoff
            """;

    private static List<String> problems(String yaml) {
        ConfigProblems p = new ConfigProblems();
        LookupYaml.one(yaml).validate("lookups[0]", p);
        return p.all();
    }

    @Test
    void should_bind_the_documented_block_with_its_defaults() {
        LookupConfig c = LookupYaml.one(ORDER_STATUS);

        assertThat(problems(ORDER_STATUS)).isEmpty();
        assertThat(c.request().method()).isEqualTo(LookupConfig.Method.GET);
        assertThat(c.request().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.onError()).isEqualTo(LookupConfig.OnError.HANDOFF);
        assertThat(c.mask()).contains("phone", "address");
        assertThat(c.secrets()).containsExactly("tok-123");
        assertThat(c.intent().name()).isEqualTo("order_status");
        assertThat(c.intent().examples()).containsExactly("我的订单到哪了", "订单 发货了吗", "where is my order",
                "track order");
    }

    @Test
    void should_refuse_a_post_unless_declared_safe() {
        String post = ORDER_STATUS.replace("method: GET", "method: POST");

        assertThat(problems(post)).singleElement().asString().startsWith("lookups[0].request.method: a look-up only "
                + "reads").contains("safe: true");
        assertThat(problems(post.replace("timeout: 3s", "timeout: 3s, safe: true"))).isEmpty();
    }

    @Test
    void should_name_the_key_of_a_placeholder_that_is_not_a_parameter_or_a_bad_path() {
        String typo = ORDER_STATUS.replace("zh: '订单 {order}：", "zh: '订单 {ordr}：")
                .replace("expected {$.eta}", "expected {$..eta}");

        assertThat(problems(typo)).containsExactlyInAnyOrder(
                "lookups[0].answer.zh: {ordr} is not a parameter; declare it under params (declared: order)",
                "lookups[0].answer.en: \"$..eta\" is not a supported JSON path (a name is missing after '.'); write "
                        + "e.g. $.status, $.items[0].name or $['status text']");
    }

    @Test
    void should_refuse_an_identity_parameter_with_a_pattern_or_in_a_customer_text() {
        String yaml = """
                - name: member_points
                  examples: [我的积分还有多少]
                  params:
                    member: { from: identity, pattern: '\\w+' }
                  request: { url: 'https://crm.example.com/members/{member}' }
                  answer: { zh: '会员 {member} 的积分：{$.points}', en: 'Points: {$.points}' }
                """;

        assertThat(problems(yaml)).containsExactly(
                "lookups[0].params.member: an identity parameter is the channel's verified customer id, never the "
                        + "customer's words: remove pattern and ask",
                "lookups[0].answer.zh: {member} is the customer's verified id: it goes to the API only (url, body), "
                        + "never into what customers write or read");
    }

    @Test
    void should_explain_each_missing_or_malformed_key() {
        String yaml = """
                - name: Order Status
                  params:
                    order: { pattern: '(\\d+' }
                  request: { url: 'ftp://x/{order}', timeout: 90s, body: { id: '{order}' } }
                  on-not-found: 'no order {order}: {$.status}'
                """;

        assertThat(problems(yaml)).containsExactly(
                "lookups[0].name: must be lower-case letters, digits and _, starting with a letter (it names an "
                        + "intent and an LLM tool), e.g. order_status; got \"Order Status\"",
                "lookups[0].examples: empty; list how customers ask, e.g. [我的订单到哪了, where is my order, track "
                        + "order {order}]",
                "lookups[0].params.order.pattern: not a regular expression (Unclosed group near index 4)",
                "lookups[0].params.order.ask: required; what the bot asks when the value is missing, e.g. ask: { zh: "
                        + "请提供订单号, en: What is your order number? }",
                "lookups[0].request.url: must be an http(s) URL, or a path on this Baton starting with /; got "
                        + "ftp://x/{order}",
                "lookups[0].request.body: only a POST has a body; remove it or use method: POST with safe: true",
                "lookups[0].request.timeout: must be between 100ms and 30s (the customer is waiting); e.g. 3s",
                "lookups[0].answer: required; e.g. answer: { zh: '订单 {order}：{$.status}', en: 'Order {order}: "
                        + "{$.status}' }",
                "lookups[0].on-not-found: no API answer is known here: remove the {$…} placeholders");
    }
}
