package dev.baton.inbox;

import dev.baton.inbox.http.WebhookDeliveriesApi;
import dev.baton.inbox.http.TokenApi;
import dev.baton.inbox.http.InboxPages;
import dev.baton.inbox.http.InboxAuth;
import dev.baton.inbox.http.InboxApi;
import dev.baton.inbox.live.LiveEvents;
import dev.baton.inbox.webhook.WebhookInbox;
import dev.baton.inbox.analytics.Analytics;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import dev.baton.inbox.desk.CrmLookup;
import dev.baton.inbox.desk.CustomerProfiles;
import dev.baton.inbox.auth.LoginThrottle;
import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.Sessions;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.core.handoff.routing.Group;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.PositionUpdates;
import dev.baton.core.handoff.routing.QueueStateSweep;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.config.Localized;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.NoopInbox;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.Store;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything about human agents, built from {@code inbox:} in two steps because the engine and the inbox need each
 * other: {@link #create} before the engine is built (it provides the {@link HumanInbox} and the live
 * {@link ConversationEvents}), {@link #attach} after (it needs the engine's {@code HumanDesk}). Then it is the
 * routes of /inbox and the REST API. Owns one scheduler thread (webhook deliveries, the queue-timeout check, queue
 * position updates).
 */
public final class InboxModule implements Consumer<Javalin>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxModule.class);

    private final InboxConfig config;
    private final Store store;
    private final ObjectMapper json;
    private final OkHttpClient http;
    private final Clock clock;
    private final LiveEvents live = new LiveEvents();
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Runnable> wakeOutbox = new AtomicReference<>(() -> { });
    private final GroupRouter router;
    private final HumanInbox inbox;
    private final KeyValueStore kv;
    private final AgentDirectory agents;
    private final QueueTimeouts timeouts;
    private final PositionUpdates positions;
    private final AtomicReference<Function<Channel, ChannelLimits>> channelLimits =
            new AtomicReference<>(ch -> ChannelLimits.unlimited());
    private final WebhookInbox webhook;
    private final CustomerProfiles profiles;
    private InboxAuth auth;
    private InboxApi api;
    private TokenApi tokenApi;
    private WebhookDeliveriesApi deliveriesApi;
    private InboxPages pages;

    private InboxModule(InboxConfig config, Database db, Optional<HumanInbox> platformInbox, OkHttpClient http,
                        Clock clock) {
        this.config = config;
        this.store = Store.over(db);
        this.json = EngineJson.mapper();
        this.http = http;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-inbox");
            t.setDaemon(true);
            return t;
        });
        this.kv = new JdbcKeyValueStore(db, clock);
        this.router = new GroupRouter(config.groups());
        this.webhook = "webhook".equals(config.kind())
                ? new WebhookInbox(config.webhook(), db, http, json, scheduler, Duration.ofSeconds(2), clock) : null;
        HumanInbox base = switch (config.kind()) {
            case "wecom-kf" -> platformInbox.orElseThrow(() -> new IllegalStateException(
                    "inbox.kind wecom-kf needs channels.wecom-kf"));
            case "webhook" -> webhook;
            default -> new NoopInbox();
        };
        ReplyWriter replies = new ReplyWriter(store, json);
        this.positions = new PositionUpdates(store, replies, kv, config.positionUpdates(),
                ch -> channelLimits.get().apply(ch), live, () -> wakeOutbox.get().run(), clock);
        this.inbox = base;
        this.agents = new AgentDirectory(config.agents());
        Localized fallback = config.timeoutMessage() != null ? config.timeoutMessage()
                : "callback".equals(config.timeoutFallback()) ? QueueTimeouts.CALLBACK : QueueTimeouts.LEAVE_MESSAGE;
        this.timeouts = new QueueTimeouts(store, replies, kv, config.queueTimeout(), fallback, live,
                () -> wakeOutbox.get().run(), clock);
        this.profiles = new CustomerProfiles(store, live, clock);
        profiles.applyConfigured(config.customers());
    }

    /** Step one, before the engine: the inbox the engine opens tickets in, and the live events sink. */
    public static InboxModule create(InboxConfig config, Database db, Optional<HumanInbox> platformInbox,
                                     OkHttpClient http, Clock clock) {
        return new InboxModule(config, db, platformInbox, http, clock);
    }

    public HumanInbox humanInbox() {
        return inbox;
    }

    public ConversationEvents events() {
        return live;
    }

    public QueueTimeouts timeouts() {
        return timeouts;
    }

    public PositionUpdates positionUpdates() {
        return positions;
    }

    /** Who is calling (sessions, agent tokens, the integration token); available after {@link #attach}. */
    public InboxAuth auth() {
        if (auth == null) {
            throw new IllegalStateException("InboxModule.attach must run first");
        }
        return auth;
    }

    /** Customer tier and tags, as people and the config set them. */
    public CustomerProfiles customerProfiles() {
        return profiles;
    }

    /** The webhook inbox when {@code kind: webhook}. */
    public Optional<WebhookInbox> webhook() {
        return Optional.ofNullable(webhook);
    }

    /**
     * Step two, once the engine exists.
     *
     * @param knowledgeFolder {@code knowledge.folder}, whose {@code _drafts/} holds drafts
     * @param reindex         syncs the knowledge index (after a draft is approved)
     * @param limits          each channel's limits, for the reply-window warning
     */
    public void attach(EngineBuilder.Built engine, KnowledgeSearch knowledge, Path knowledgeFolder, Runnable reindex,
                       Function<Channel, ChannelLimits> limits) {
        wakeOutbox.set(engine.outbox()::wake);
        channelLimits.set(ch -> {
            ChannelLimits l = limits.apply(ch);
            return l != null ? l : ChannelLimits.unlimited();
        });
        this.auth = new InboxAuth(new Sessions(store.db(), config.sessionTtl(), clock),
                new ApiTokens(store.db(), clock), agents, config.apiToken());
        KnowledgeDrafts drafts = new KnowledgeDrafts(knowledgeFolder, reindex, kv, clock);
        CrmLookup crm = new CrmLookup(config.crmUrl(), http, config.crmTimeout(), json);
        List<String> groupNames = config.groups().stream().map(Group::name).toList();
        this.api = new InboxApi(store, engine.desk(), json, auth, agents, router, groupNames, knowledge, drafts, crm,
                new Analytics(store, clock), timeouts, live, limits, profiles, clock);
        this.tokenApi = new TokenApi(auth, agents, json);
        this.deliveriesApi = new WebhookDeliveriesApi(auth, webhook);
        this.pages = new InboxPages(auth, agents, new LoginThrottle(LoginThrottle.Limits.DEFAULT, clock));
        if (!config.queueTimeout().isZero()) {
            long every = Math.max(1, Math.min(30, config.queueTimeout().toSeconds() / 4));
            scheduler.scheduleWithFixedDelay(timeouts, every, every, TimeUnit.SECONDS);
        }
        if (positions.enabled()) {
            long every = positions.checkInterval().toMillis();
            scheduler.scheduleWithFixedDelay(positions, every, every, TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(new QueueStateSweep(store.db()), 1, 10, TimeUnit.MINUTES);
        if (webhook != null) {
            webhook.start(Duration.ofSeconds(1));
        }
        if (agents.isEmpty() && "builtin".equals(config.kind())) {
            log.warn("inbox.agents is empty: nobody can log in to /inbox. Add agents (see docs/inbox.md; "
                    + "`baton hash-password` makes a password-hash)");
        }
    }

    @Override
    public void accept(Javalin app) {
        if (api == null) {
            throw new IllegalStateException("InboxModule.attach must run before the routes are added");
        }
        pages.accept(app);
        api.accept(app);
        tokenApi.accept(app);
        deliveriesApi.accept(app);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        live.close();
    }
}
