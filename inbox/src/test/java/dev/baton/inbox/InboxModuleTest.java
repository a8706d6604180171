package dev.baton.inbox;

import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.NoopInbox;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.store.EngineJson;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.inbox.live.LiveEvents;
import dev.baton.inbox.webhook.WebhookInbox;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module's wiring: which inbox the engine opens tickets in for each {@code inbox.kind}, and which jobs the
 * composition root is asked to schedule, how often.
 */
class InboxModuleTest {

    @TempDir
    Path dir;
    private final Database db = Database.open("jdbc:h2:mem:module-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            null, null, 4);
    private final EngineBuilder.Built engine = new EngineBuilder(db).build();

    @AfterEach
    void close() {
        engine.close();
        db.close();
    }

    private static InboxConfig config(String kind, Duration queueTimeout) {
        InboxConfig.Webhook hook = "webhook".equals(kind)
                ? new InboxConfig.Webhook(URI.create("http://localhost:1/hook"), "0123456789abcdef-secret", 3) : null;
        return new InboxConfig(kind, null, null, null, hook, null, null, queueTimeout, null, null, null, null, null, null,
                null, null);
    }

    private InboxModule module(InboxConfig config, WebhookInbox webhook) {
        return InboxModule.create(new InboxModule.Dependencies(config, engine.store(), engine.desk(), () -> { },
                ch -> null, new LiveEvents(Runnable::run), webhook, KnowledgeSearch.empty(), dir, () -> { },
                new OkHttpClient(), "en", Clock.systemUTC()));
    }

    @Test
    void should_ask_for_the_queue_jobs_and_no_webhook_deliveries_for_the_builtin_inbox() {
        InboxModule m = module(config("builtin", Duration.ofMinutes(2)), null);

        assertThat(m.jobs()).extracting(ScheduledJob::name)
                .containsExactly("queue-timeouts", "queue-positions", "queue-state-sweep");
        ScheduledJob timeouts = m.jobs().get(0);
        assertThat(timeouts.every()).as("a quarter of the timeout, at most 30 s").isEqualTo(Duration.ofSeconds(30));
        assertThat(module(config("builtin", Duration.ofSeconds(8)), null).jobs().get(0).every())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(module(config("builtin", Duration.ZERO), null).jobs()).extracting(ScheduledJob::name)
                .as("queue-timeout 0 turns the fallback off").doesNotContain("queue-timeouts");
        assertThat(m.jobs().get(2).every()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void should_post_webhook_deliveries_every_second_for_the_webhook_inbox() {
        InboxConfig config = config("webhook", Duration.ofMinutes(15));
        WebhookInbox webhook = new WebhookInbox(config.webhook(), db, new OkHttpClient(), EngineJson.mapper(),
                Runnable::run, WebhookInbox.FIRST_BACKOFF, Clock.systemUTC());

        InboxModule m = module(config, webhook);

        assertThat(m.jobs()).filteredOn(j -> j.name().equals("webhook-deliveries")).singleElement()
                .satisfies(j -> assertThat(j.every()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(InboxModule.humanInbox(config, Optional.empty(), webhook)).isSameAs(webhook);
    }

    @Test
    void should_open_tickets_in_the_inbox_of_the_configured_kind() {
        HumanInbox wecom = new NoopInbox();
        assertThat(InboxModule.humanInbox(config("builtin", null), Optional.empty(), null))
                .isInstanceOf(NoopInbox.class);
        assertThat(InboxModule.humanInbox(config("wecom-kf", null), Optional.of(wecom), null)).isSameAs(wecom);
        assertThatThrownBy(() -> InboxModule.humanInbox(config("wecom-kf", null), Optional.empty(), null))
                .hasMessageContaining("channels.wecom-kf");
    }

    @Test
    void should_refuse_a_job_that_would_run_without_pause() {
        assertThatThrownBy(() -> new ScheduledJob("busy", () -> { }, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ScheduledJob("ok", () -> { }, Duration.ZERO, Duration.ofSeconds(1)).every())
                .isEqualTo(Duration.ofSeconds(1));
    }
}
