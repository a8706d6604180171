package dev.baton.core.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTest {

    @Test
    void should_fill_parameters_and_json_values() throws Exception {
        var result = new ObjectMapper().readTree("""
                {"status_text": "已发货", "carrier": "顺丰", "tracking_no": "SF1234", "eta": "12-05",
                 "items": ["milk", "bread"], "price": 12.5}""");
        Template t = Template.parse("订单 {order}：{$.status_text}，{$.carrier} {$.tracking_no}，预计 {$.eta} 送达。");

        assertThat(t.render(Map.of("order", "20251120-8891"), result))
                .isEqualTo("订单 20251120-8891：已发货，顺丰 SF1234，预计 12-05 送达。");
        assertThat(Template.parse("{$.items} for {$.price}").render(Map.of(), result)).isEqualTo("milk, bread for 12.5");
        assertThat(t.params()).containsExactly("order");
        assertThat(t.readsResult()).isTrue();
    }

    @Test
    void should_leave_a_missing_value_empty_and_other_braces_as_written() throws Exception {
        var result = new ObjectMapper().readTree("{\"eta\": null}");

        assertThat(Template.parse("eta {$.eta}, {$.carrier}; {not a placeholder} {}").render(Map.of(), result))
                .isEqualTo("eta , ; {not a placeholder} {}");
    }

    @Test
    void should_encode_values_only_where_asked() {
        Template url = Template.parse("https://api.example.com/orders/{order}?q={q}");

        assertThat(url.render(Map.of("order", "a/b c", "q", "订单"), null,
                v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")))
                .isEqualTo("https://api.example.com/orders/a%2Fb%20c?q=%E8%AE%A2%E5%8D%95");
    }
}
