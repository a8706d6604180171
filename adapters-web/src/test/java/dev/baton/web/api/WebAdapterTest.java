package dev.baton.web.api;

import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.plugin.ChannelModules;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static dev.baton.web.api.WebApiFixture.SHOP;
import static dev.baton.web.api.WebApiFixture.json;
import static dev.baton.web.api.WebApiFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

/** What the web channel declares, and the origin check every API call passes first. */
class WebAdapterTest {

    private final WebApiFixture f = new WebApiFixture();

    @Test
    void should_be_discovered_as_the_web_channel_through_the_channel_spi() {
        ChannelModules installed = ChannelModules.discover(getClass().getClassLoader());

        assertThat(installed.keys()).contains("web");
        assertThat(installed.find("web").orElseThrow().configType().getSimpleName()).isEqualTo("WebConfig");
    }

    @Test
    void should_serve_the_widget_and_a_post_and_preflight_for_each_call() {
        assertThat(f.adapter.routes()).contains(new ChannelAdapter.Route("GET", "/widget.js"),
                new ChannelAdapter.Route("POST", "/api/web/messages"),
                new ChannelAdapter.Route("OPTIONS", "/api/web/messages"),
                new ChannelAdapter.Route("POST", "/api/web/stream"));
        assertThat(f.adapter.routes()).filteredOn(r -> r.method().equals("GET")).hasSize(1);
        assertThat(f.adapter.maxBodyBytes()).as("the longest message with its JSON").isEqualTo(200 * 4 + 4096);
    }

    @Test
    void should_refuse_a_call_from_another_site_or_without_origin_with_no_cors_header_and_no_side_effect() {
        for (String origin : new String[] {"https://evil.example.net", "https://shop.example.com.evil.net",
                "http://shop.example.com", "null", null}) {
            WebhookResponse r = f.adapter.handle(post(WebAdapter.MESSAGES, Map.of("id", "abcdefgh1", "text", "hi"),
                    null, origin, "198.51.100.1"), f.sink);
            WebhookResponse session = f.adapter.handle(post(WebAdapter.SESSION, Map.of(), null, origin,
                    "198.51.100.1"), f.sink);

            assertThat(r.status()).as(String.valueOf(origin)).isEqualTo(403);
            assertThat(session.status()).as(String.valueOf(origin)).isEqualTo(403);
            assertThat(r.headers()).as("the page cannot even read the refusal").doesNotContainKey(
                    "Access-Control-Allow-Origin");
            assertThat(json(session).has("token")).isFalse();
        }
        assertThat(f.sink.accepted()).isEmpty();
        assertThat(f.meters.get("baton.web.refused").tag("reason", "origin").counter().count()).isEqualTo(10);
    }

    @Test
    void should_answer_an_allowed_site_with_its_own_origin_and_no_credentials() {
        WebhookRequest preflight = new WebhookRequest("OPTIONS", WebAdapter.MESSAGES, Map.of("Origin",
                List.of("https://SHOP.example.com:443"), "Access-Control-Request-Method", List.of("POST")), Map.of(),
                null, "198.51.100.1");

        WebhookResponse pre = f.adapter.handle(preflight, f.sink);
        WebhookResponse session = f.call(WebAdapter.SESSION, Map.of(), null);

        assertThat(pre.status()).isEqualTo(204);
        assertThat(pre.headers()).containsEntry("Access-Control-Allow-Origin", SHOP)
                .containsEntry("Access-Control-Allow-Methods", "POST")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.headers()).containsEntry("Access-Control-Allow-Origin", SHOP).containsEntry("Vary",
                "Origin").doesNotContainKey("Set-Cookie").doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @Test
    void should_refuse_a_call_that_is_not_json_before_reading_it() {
        WebhookRequest form = new WebhookRequest("POST", WebAdapter.SESSION, Map.of("Origin", List.of(SHOP),
                "Content-Type", List.of("application/x-www-form-urlencoded")), Map.of(), "a=b".getBytes(), "1.2.3.4");

        assertThat(f.adapter.handle(form, f.sink).status()).isEqualTo(415);
        assertThat(f.call(WebAdapter.SESSION, List.of(1, 2), null).status()).as("not an object").isEqualTo(400);
    }

    @Test
    void should_serve_a_small_cacheable_widget_with_its_styles_inside() throws Exception {
        WebhookResponse js = f.adapter.handle(new WebhookRequest("GET", "/widget.js", Map.of(), Map.of(), null), f.sink);

        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).startsWith("text/javascript");
        assertThat(js.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Cross-Origin-Resource-Policy", "cross-origin");
        assertThat(js.bodyAsString()).doesNotContain(WidgetAsset.CSS_PLACEHOLDER).contains(":host");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(js.body());
        }
        assertThat(gz.size()).as("gzipped widget.js (docs/web.md states it)").isLessThan(30 * 1024);
    }
}
