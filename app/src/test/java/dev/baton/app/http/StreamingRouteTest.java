package dev.baton.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a channel with a browser-facing API (a web widget) needs from the route, without touching core or app: its own
 * routes and methods, response headers, the client's address, and a body streamed while the connection stays open
 * (server-sent events), each event reaching the client when the adapter flushes it.
 */
class StreamingRouteTest {

    private final CountDownLatch firstSeen = new CountDownLatch(1);
    private final AtomicReference<String> remoteAddress = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void start() {
        ChannelAdapter events = new ChannelAdapter() {
            @Override
            public Channel channel() {
                return Channel.of("web-test");
            }

            @Override
            public String path() {
                return "/web-test/events";
            }

            @Override
            public List<Route> routes() {
                return List.of(new Route("GET", path()), new Route("OPTIONS", path()));
            }

            @Override
            public WebhookResponse handle(WebhookRequest request, InboundSink sink) {
                remoteAddress.set(request.remoteAddress());
                if (request.method().equals("OPTIONS")) {
                    return new WebhookResponse(204, null, null).withHeader("Access-Control-Allow-Origin",
                            "https://shop.example.com");
                }
                return WebhookResponse.stream(200, "text/event-stream", out -> {
                    out.write("id: 1\ndata: one\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    try {
                        // the client must have the first event before the second is written
                        if (!firstSeen.await(10, TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    out.write("id: 2\ndata: two\n\n".getBytes(StandardCharsets.UTF_8));
                }).withHeader("Cache-Control", "no-store");
            }
        };
        server = new HttpServer("127.0.0.1", 16 * 1024, List.of(events), null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new ObjectMapper(), List.of()).start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void should_deliver_each_flushed_event_while_the_stream_stays_open() throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
        Request req = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/web-test/events").build();
        try (Response r = http.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/event-stream");
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            BufferedSource body = r.body().source();
            assertThat(body.readUtf8Line()).isEqualTo("id: 1");
            assertThat(body.readUtf8Line()).isEqualTo("data: one");
            firstSeen.countDown();
            assertThat(body.readUtf8Line()).isEmpty();
            assertThat(body.readUtf8Line()).isEqualTo("id: 2");
            assertThat(body.readUtf8Line()).isEqualTo("data: two");
        }
        assertThat(remoteAddress.get()).isEqualTo("127.0.0.1");
    }

    @Test
    void should_route_the_methods_an_adapter_declares_with_its_headers() throws Exception {
        OkHttpClient http = new OkHttpClient();
        Request preflight = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/web-test/events")
                .method("OPTIONS", null).build();
        try (Response r = http.newCall(preflight).execute()) {
            assertThat(r.code()).isEqualTo(204);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
        }
        Request post = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/web-test/events")
                .post(okhttp3.RequestBody.create(new byte[0])).build();
        try (Response r = http.newCall(post).execute()) {
            assertThat(r.code()).as("a method the adapter did not declare").isIn(404, 405);
        }
    }
}
