package dev.baton.app.testchannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.channel.WebhookRequest;
import dev.baton.core.channel.WebhookResponse;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.Validated;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelModule;
import dev.baton.core.plugin.ChannelRuntime;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A channel written the way docs/channels.md says, living only in the test tree: it proves that a new channel needs
 * no file outside its own module. Registered in this tree's {@code META-INF/services}, configured as
 * {@code channels.test-echo: { secret: …, reply-url: … }}. Its platform: a webhook {@code POST /webhooks/test-echo}
 * with a JSON body {@code {"id","from","text"}} signed {@code X-Echo-Signature: hex(HMAC-SHA256(secret, body))};
 * replies are POSTed as {@code {"to","text"}} to {@code reply-url}.
 */
public final class TestEchoChannel implements ChannelModule<TestEchoChannel.Config> {

    public static final String KEY = "test-echo";
    public static final Channel CHANNEL = Channel.of(KEY);

    /**
     * {@code channels.test-echo}.
     *
     * @param secret   signs every webhook
     * @param replyUrl where replies are posted
     */
    public record Config(String secret, URI replyUrl) implements Validated {
        @Override
        public void validate(String prefix, ConfigProblems problems) {
            problems.require(prefix + ".secret", secret, "set secret: ${ECHO_SECRET}");
            problems.require(prefix + ".reply-url", replyUrl, "set reply-url: https://…");
        }
    }

    @Override
    public Channel channel() {
        return CHANNEL;
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public List<String> secrets(Config config) {
        return Arrays.asList(config.secret());
    }

    @Override
    public ChannelRuntime create(Config config, ChannelContext context) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return ChannelRuntime.of(List.of(new Adapter(config.secret(), context.clock())),
                new EchoSender(http, config.replyUrl()), null, null);
    }

    /** Verifies the signature on the raw bytes, parses, hands the message to the sink, acks after it returned. */
    static final class Adapter implements ChannelAdapter {

        private final byte[] secret;
        private final Clock clock;
        private final ObjectMapper json = new ObjectMapper();

        Adapter(String secret, Clock clock) {
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
            this.clock = clock;
        }

        @Override
        public Channel channel() {
            return CHANNEL;
        }

        @Override
        public String path() {
            return "/webhooks/test-echo";
        }

        @Override
        public long maxBodyBytes() {
            return 16 * 1024;
        }

        @Override
        public WebhookResponse handle(WebhookRequest request, InboundSink sink) {
            if (!request.isPost()) {
                return WebhookResponse.text(405, "POST");
            }
            byte[] given = request.header("X-Echo-Signature").map(h -> {
                try {
                    return HexFormat.of().parseHex(h);
                } catch (IllegalArgumentException e) {
                    return new byte[0];
                }
            }).orElse(new byte[0]);
            if (!MessageDigest.isEqual(given, sign(secret, request.body()))) {
                return WebhookResponse.unauthorized("bad signature");
            }
            JsonNode body;
            try {
                body = json.readTree(request.body());
            } catch (IOException e) {
                return WebhookResponse.badRequest("malformed JSON");
            }
            String id = body.path("id").asText("");
            String from = body.path("from").asText("");
            if (id.isBlank() || from.isBlank()) {
                return WebhookResponse.badRequest("id and from are required");
            }
            sink.accept(List.of(new InboundMessage(CHANNEL, id, from, null, null, clock.instant(),
                    new InboundContent.Text(body.path("text").asText("")))));
            return WebhookResponse.ack();
        }
    }

    /** Posts each reply; 2xx delivered, 429/5xx retried later, any other status rejected. */
    static final class EchoSender implements Sender {

        private final HttpClient http;
        private final URI replyUrl;
        private final ObjectMapper json = new ObjectMapper();

        EchoSender(HttpClient http, URI replyUrl) {
            this.http = http;
            this.replyUrl = replyUrl;
        }

        @Override
        public Channel channel() {
            return CHANNEL;
        }

        @Override
        public SendOutcome send(OutboundMessage message) {
            try {
                String body = json.writeValueAsString(Map.of("to", message.customerId(), "text",
                        message.content().text()));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(replyUrl).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").header("Idempotency-Key",
                                String.valueOf(message.outboxId()))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return new SendOutcome.Delivered(List.of("echo-" + message.outboxId()));
                }
                if (r.statusCode() == 429 || r.statusCode() >= 500) {
                    return new SendOutcome.RetryLater(String.valueOf(r.statusCode()), "busy", Duration.ofSeconds(1));
                }
                return new SendOutcome.Rejected(String.valueOf(r.statusCode()), r.body(), false);
            } catch (IOException e) {
                return new SendOutcome.RetryLater("transport", e.getClass().getSimpleName(), Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendOutcome.RetryLater("interrupted", "stopping", Duration.ofSeconds(1));
            }
        }

        @Override
        public ChannelLimits limits() {
            return ChannelLimits.unlimited();
        }
    }

    /** HMAC-SHA256 of the raw body. */
    public static byte[] sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
