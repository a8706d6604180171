package dev.baton.core.lookup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Customer;
import dev.baton.core.resilience.CircuitBreaker;
import dev.baton.core.testing.JdkLookupTransport;
import dev.baton.core.testing.ShopLookups;
import dev.baton.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** One look-up call against a stubbed API: outcomes, the circuit breaker on the injected clock, and what logs show. */
class LookupCallTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Customer ALICE = new Customer(1, Channel.of("dev"), "alice", null, null, List.of(), "zh",
            Instant.parse("2025-01-01T00:00:00Z"));

    private final TestClock clock = TestClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JdkLookupTransport transport = new JdkLookupTransport();
    private final Lookups lookups = new Lookups(List.of(ShopLookups.orderStatus(wm.baseUrl(),
            LookupConfig.OnError.HANDOFF)), transport, meters, clock);
    private final Lookup order = lookups.find("order_status").orElseThrow();

    private Lookups.Result run(String id) {
        return lookups.run(order, Map.of("order", id), ALICE, 7, "zh");
    }

    @Test
    void should_stop_calling_a_failing_api_until_the_breaker_lets_a_trial_through() {
        wm.stubFor(get(urlEqualTo("/orders/20259999-0503")).willReturn(aResponse().withStatus(503)));

        run("20259999-0503");
        run("20259999-0503");
        Lookups.Result open = run("20259999-0503");

        assertThat(open.failed()).isTrue();
        assertThat(((LookupOutcome.Failed) open.outcome()).failure()).isEqualTo(LookupOutcome.Failure.CIRCUIT_OPEN);
        assertThat(transport.calls.get()).as("the third call never went out").isEqualTo(2);
        assertThat(lookups.circuit("order_status")).isEqualTo(CircuitBreaker.State.OPEN);

        wm.stubFor(get(urlEqualTo("/orders/20251120-8891")).willReturn(okJson("{\"status_text\":\"已发货\"}")));
        clock.advance(Duration.ofSeconds(31));
        assertThat(run("20251120-8891").found()).isTrue();
        assertThat(lookups.circuit("order_status")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void should_count_a_record_that_is_null_or_empty_as_not_found() {
        wm.stubFor(get(urlEqualTo("/orders/20250000-0001")).willReturn(okJson("{}")));
        wm.stubFor(get(urlEqualTo("/orders/20250000-0002")).willReturn(aResponse().withStatus(200)));

        assertThat(run("20250000-0001").reply()).isEqualTo("没有找到这个订单号，请核对一下。");
        assertThat(run("20250000-0002").reply()).isEqualTo("没有找到这个订单号，请核对一下。");
    }

    @Test
    void should_send_a_safe_post_with_its_json_body_and_read_the_record_at_found_at() {
        Lookups search = new Lookups(LookupYaml.list("""
                - name: order_search
                  examples: [find my order]
                  params: { order: { pattern: '\\d{8}-\\d{4}', ask: "Your order number?" } }
                  request: { method: POST, safe: true, url: '%s/search', body: { order_no: '{order}', kind: order } }
                  answer: 'Order {order}: {$.data.status}'
                  found-at: $.data
                """.formatted(wm.baseUrl())), transport, meters, clock);
        Lookup lookup = search.find("order_search").orElseThrow();
        wm.stubFor(post(urlEqualTo("/search")).withRequestBody(equalToJson("{\"order_no\":\"20251120-8891\","
                + "\"kind\":\"order\"}")).willReturn(okJson("{\"data\":{\"status\":\"shipped\"}}")));
        wm.stubFor(post(urlEqualTo("/search")).withRequestBody(equalToJson("{\"order_no\":\"20250000-0000\","
                + "\"kind\":\"order\"}")).willReturn(okJson("{\"data\":null}")));

        assertThat(search.run(lookup, Map.of("order", "20251120-8891"), ALICE, 7, "en").reply())
                .isEqualTo("Order 20251120-8891: shipped");
        Lookups.Result none = search.run(lookup, Map.of("order", "20250000-0000"), ALICE, 7, "en");
        assertThat(none.outcome()).isInstanceOf(LookupOutcome.NotFound.class);
    }

    @Test
    void should_fail_on_an_answer_that_is_not_json_and_answer_with_the_apology_text() {
        wm.stubFor(get(urlEqualTo("/orders/20250000-0003")).willReturn(aResponse().withStatus(200)
                .withBody("<html>maintenance</html>")));

        Lookups.Result r = run("20250000-0003");

        assertThat(r.failed()).isTrue();
        assertThat(r.reply()).contains("抱歉");
    }

    @Test
    void should_log_neither_the_token_nor_masked_fields_nor_the_customers_values() {
        wm.stubFor(get(urlEqualTo("/orders/20251120-8891")).willReturn(okJson("{\"status_text\":\"已发货\","
                + "\"receiver\":{\"phone\":\"13800005678\",\"name\":\"张三\"},\"address\":\"上海市浦东新区世纪大道 88 号\"}")));
        Logger log = (Logger) LoggerFactory.getLogger(LookupClient.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Level before = log.getLevel();
        log.setLevel(Level.DEBUG);
        log.addAppender(logs);
        try {
            assertThat(run("20251120-8891").found()).isTrue();
        } finally {
            log.detachAppender(logs);
            log.setLevel(before);
        }

        String all = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(all).contains("order_status").contains("已发货").contains("***")
                .doesNotContain("13800005678").doesNotContain("张三").doesNotContain("世纪大道")
                .doesNotContain("shop-secret-token").doesNotContain("20251120-8891");
        wm.verify(getRequestedFor(urlEqualTo("/orders/20251120-8891")));
    }
}
