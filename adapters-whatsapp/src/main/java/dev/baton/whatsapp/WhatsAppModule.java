package dev.baton.whatsapp;

import dev.baton.whatsapp.config.WhatsAppConfig;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.Sender;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.state.KeyValueStore;
import dev.baton.whatsapp.graph.GraphApiClient;
import dev.baton.whatsapp.graph.WhatsAppAlerts;
import dev.baton.whatsapp.graph.WhatsAppMetrics;
import dev.baton.whatsapp.send.ReadReceipts;
import dev.baton.whatsapp.send.WhatsAppSender;
import dev.baton.whatsapp.webhook.WhatsAppWebhookAdapter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Wires the WhatsApp channel ({@link WhatsAppChannelModule} builds it): the webhook {@link #adapter()} for
 * {@code GET|POST /webhooks/whatsapp} and the outbox's {@link #sender()}. It owns no thread and no connection pool:
 * the {@link OkHttpClient} and the background executor belong to the caller.
 */
public final class WhatsAppModule implements AutoCloseable {

    private final WhatsAppWebhookAdapter adapter;
    private final WhatsAppSender sender;
    private final ReadReceipts readReceipts;

    private WhatsAppModule(WhatsAppWebhookAdapter adapter, WhatsAppSender sender, ReadReceipts readReceipts) {
        this.adapter = adapter;
        this.sender = sender;
        this.readReceipts = readReceipts;
    }

    /**
     * @param cfg  a config that passes {@link WhatsAppConfig#validate}
     * @param ctx  clock, durable state, the bounded background executor (read receipts) and the meter registry
     * @param http the shared client for the Graph API; its timeouts apply to every send
     * @throws IllegalArgumentException listing every config problem when {@code cfg} is invalid
     */
    public static WhatsAppModule create(WhatsAppConfig cfg, ChannelContext ctx, OkHttpClient http) {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(http, "http");
        ConfigProblems problems = new ConfigProblems();
        cfg.validate("channels.whatsapp", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid WhatsApp config: " + String.join("; ", problems.all()));
        }
        Clock clock = ctx.clock() == null ? Clock.systemUTC() : ctx.clock();
        KeyValueStore state = ctx.state() == null ? KeyValueStore.inMemory() : ctx.state();
        WhatsAppMetrics metrics = new WhatsAppMetrics(ctx.meters() == null ? new SimpleMeterRegistry() : ctx.meters());
        WhatsAppAlerts alerts = new WhatsAppAlerts(metrics);
        GraphApiClient client = new GraphApiClient(http, cfg.apiBaseUrl(), cfg.phoneNumberId(), cfg.accessToken());
        ReadReceipts receipts = cfg.markAsRead() && ctx.background() != null
                ? new ReadReceipts(client, ctx.background(), metrics, alerts) : null;
        Consumer<List<InboundMessage>> afterAccept = receipts == null ? null : receipts::markRead;
        WhatsAppWebhookAdapter adapter = new WhatsAppWebhookAdapter(cfg.appSecret(), cfg.verifyToken(),
                cfg.humanButtonLabels().values(), clock, metrics, alerts, afterAccept);
        WhatsAppSender sender = new WhatsAppSender(cfg, client, state, clock, metrics, alerts);
        return new WhatsAppModule(adapter, sender, receipts);
    }

    /** Serves {@value WhatsAppWebhookAdapter#PATH}; accepts bodies up to Meta's documented 3 MB. */
    public ChannelAdapter adapter() {
        return adapter;
    }

    /** The outbox's sender for {@code WhatsAppConfig.CHANNEL}. */
    public Sender sender() {
        return sender;
    }

    /** Stops scheduling read receipts. The HTTP client and the executor are the caller's to shut down. */
    @Override
    public void close() {
        if (readReceipts != null) {
            readReceipts.close();
        }
    }
}
