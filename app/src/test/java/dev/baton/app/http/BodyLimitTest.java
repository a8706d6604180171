package dev.baton.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import dev.baton.whatsapp.config.WhatsAppConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over its route's limit is refused while it is read, with or without a declared length: the server answers
 * 413 long before a client streaming a large chunked body has finished, and never holds more than the limit.
 */
class BodyLimitTest {

    private static final int WEBHOOK_LIMIT = 64 * 1024;
    private static final int API_LIMIT = 16 * 1024;
    /** What the client offers to send: far more than any limit, and far more than the sockets can buffer. */
    private static final long OFFERED = 40L * 1024 * 1024;
    /** Socket buffers on both sides may hold a few MB in flight before the server's answer reaches the client. */
    private static final long IN_FLIGHT_BOUND = 16L * 1024 * 1024;

    private final AtomicInteger webhookCalls = new AtomicInteger();
    private final AtomicInteger webhookBytes = new AtomicInteger(-1);
    private HttpServer server;

    @BeforeEach
    void start() {
        ChannelAdapter adapter = new ChannelAdapter() {
            @Override
            public Channel channel() {
                return WhatsAppConfig.CHANNEL;
            }

            @Override
            public String path() {
                return "/webhooks/test";
            }

            @Override
            public long maxBodyBytes() {
                return WEBHOOK_LIMIT;
            }

            @Override
            public WebhookResponse handle(WebhookRequest request, InboundSink sink) {
                webhookCalls.incrementAndGet();
                webhookBytes.set(request.body().length);
                return WebhookResponse.ack();
            }
        };
        Consumer<Javalin> api = app -> {
            app.post("/api/echo", ctx -> ctx.result(String.valueOf(ctx.bodyAsBytes().length)));
            app.post("/inbox/login", ctx -> ctx.result("name=" + ctx.formParam("name")));
        };
        server = new HttpServer("127.0.0.1", API_LIMIT, List.of(adapter), null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new ObjectMapper(), List.of(api)).start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void should_answer_413_to_a_chunked_webhook_body_before_the_client_has_sent_it_all() throws Exception {
        Upload up = postChunked("/webhooks/test", OFFERED);

        assertThat(up.status()).isEqualTo(413);
        assertThat(up.sentWhenAnswered()).isLessThan(IN_FLIGHT_BOUND);
        assertThat(up.response()).contains("request body too large: the limit is 65536 bytes");
        assertThat(webhookCalls).hasValue(0);
    }

    @Test
    void should_answer_413_to_a_chunked_api_body_before_the_client_has_sent_it_all() throws Exception {
        Upload up = postChunked("/api/echo", OFFERED);

        assertThat(up.status()).isEqualTo(413);
        assertThat(up.sentWhenAnswered()).isLessThan(IN_FLIGHT_BOUND);
        assertThat(up.response()).contains("{\"error\":\"request body too large: the limit is 16384 bytes\"}");
    }

    @Test
    void should_answer_413_to_a_chunked_login_form_before_the_client_has_sent_it_all() throws Exception {
        Upload up = postChunked("/inbox/login", OFFERED);

        assertThat(up.status()).isEqualTo(413);
        assertThat(up.sentWhenAnswered()).isLessThan(IN_FLIGHT_BOUND);
    }

    @Test
    void should_give_the_webhook_its_own_limit_and_not_the_api_limit() throws Exception {
        Upload atLimit = postChunked("/webhooks/test", WEBHOOK_LIMIT);
        Upload apiOver = postChunked("/api/echo", API_LIMIT + 1);
        Upload apiAtLimit = postChunked("/api/echo", API_LIMIT);

        assertThat(atLimit.status()).isEqualTo(200);
        assertThat(webhookBytes).hasValue(WEBHOOK_LIMIT);
        assertThat(apiOver.status()).isEqualTo(413);
        assertThat(apiAtLimit.status()).isEqualTo(200);
        assertThat(apiAtLimit.response()).endsWith("\r\n\r\n" + API_LIMIT);
    }

    @Test
    void should_apply_the_webhook_limit_to_the_path_with_a_trailing_slash() throws Exception {
        Upload atLimit = postChunked("/webhooks/test/", WEBHOOK_LIMIT);
        Upload over = postChunked("/webhooks/test/", WEBHOOK_LIMIT + 1);

        assertThat(atLimit.status()).isEqualTo(200);
        assertThat(over.status()).isEqualTo(413);
        assertThat(webhookCalls).hasValue(1);
    }

    @Test
    void should_answer_413_to_a_declared_length_over_the_limit_without_reading_the_body() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            // only the first bytes of the body are sent (Jetty dispatches once some content is there): the answer
            // must come from the declared length alone
            s.getOutputStream().write(("POST /webhooks/test HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + (WEBHOOK_LIMIT + 1) + "\r\n\r\n" + "a".repeat(1024)).getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(status).startsWith("HTTP/1.1 413");
        }
        assertThat(webhookCalls).hasValue(0);
    }

    @Test
    void should_parse_a_form_under_the_limit_as_before() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            String body = "name=ann&password=x";
            s.getOutputStream().write(("POST /inbox/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(response).startsWith("HTTP/1.1 200").endsWith("name=ann");
        }
    }

    /** The status, the whole response as far as it came, and how much of the body had been sent when it came. */
    private record Upload(int status, String response, long sentWhenAnswered) {
    }

    /**
     * Streams {@code total} bytes as a chunked body (no Content-Length) from one thread while another waits for the
     * response; notes how many bytes had been written when the status line arrived.
     */
    private Upload postChunked(String path, long total) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            AtomicBoolean answered = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'a');
                try {
                    while (sent.get() < total && !answered.get()) {
                        int n = (int) Math.min(chunk.length, total - sent.get());
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk, 0, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        sent.addAndGet(n);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed the connection: what a refused upload looks like
                }
            }, "chunked-upload");
            writer.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            long sentWhenAnswered = sent.get();
            answered.set(true);
            StringBuilder rest = new StringBuilder(status == null ? "" : status);
            try {
                char[] buf = new char[4096];
                for (int n; (n = in.read(buf)) > 0; ) {
                    rest.append(buf, 0, n);
                }
            } catch (IOException e) {
                // reset by the server after its answer; what was read is enough
            }
            writer.join(60_000);
            assertThat(status).as("status line").isNotNull();
            return new Upload(Integer.parseInt(status.split(" ")[1]), rest.toString(), sentWhenAnswered);
        }
    }
}
