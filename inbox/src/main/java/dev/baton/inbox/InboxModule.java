package dev.baton.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.config.Localized;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.NoopInbox;
import dev.baton.core.handoff.routing.Group;
import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.PositionUpdates;
import dev.baton.core.handoff.routing.QueueStateSweep;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.Store;
import dev.baton.core.triage.SmallTalk;
import dev.baton.inbox.analytics.Analytics;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.LoginThrottle;
import dev.baton.inbox.auth.Sessions;
import dev.baton.inbox.config.DeskLanguage;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.inbox.desk.AgentTokens;
import dev.baton.inbox.desk.CannedReplies;
import dev.baton.inbox.desk.ConversationNotes;
import dev.baton.inbox.desk.ConversationViews;
import dev.baton.inbox.desk.CrmLookup;
import dev.baton.inbox.desk.CustomerProfiles;
import dev.baton.inbox.desk.DeskLabels;
import dev.baton.inbox.desk.QueueViews;
import dev.baton.inbox.desk.TicketDesk;
import dev.baton.inbox.desk.WorkRules;
import dev.baton.inbox.http.AnalyticsRoutes;
import dev.baton.inbox.http.CannedReplyRoutes;
import dev.baton.inbox.http.NoteRoutes;
import dev.baton.inbox.http.ConversationRoutes;
import dev.baton.inbox.http.CustomerRoutes;
import dev.baton.inbox.http.DraftRoutes;
import dev.baton.inbox.http.ErrorRoutes;
import dev.baton.inbox.http.InboxAuth;
import dev.baton.inbox.http.InboxPages;
import dev.baton.inbox.http.MeRoutes;
import dev.baton.inbox.http.QueueRoutes;
import dev.baton.inbox.http.TicketRoutes;
import dev.baton.inbox.http.TokenRoutes;
import dev.baton.inbox.http.WebhookDeliveryRoutes;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import dev.baton.inbox.live.LiveEvents;
import dev.baton.inbox.store.CannedReplyRepository;
import dev.baton.inbox.store.NoteRepository;
import dev.baton.inbox.webhook.WebhookInbox;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The built-in human desk, assembled from {@code inbox:} once the engine exists: the routes of /inbox and the REST
 * API, who is calling, customer profiles, and the {@linkplain #jobs() jobs} the composition root schedules. It owns
 * no thread: the root creates the {@link LiveEvents} hub and the {@linkplain #humanInbox HumanInbox} before the
 * engine (the two things the engine needs from the inbox), hands them to the engine, then builds this module with the
 * engine's {@link HumanDesk}, and runs the jobs on an executor it owns and shuts down.
 */
public final class InboxModule implements Consumer<Javalin> {

    private static final Logger log = LoggerFactory.getLogger(InboxModule.class);

    /**
     * What the module is built from.
     *
     * @param config          {@code inbox:}
     * @param store           the engine's store
     * @param desk            the engine's human desk (claim, assign, transfer, reply, resolve)
     * @param wakeOutbox      sends queued replies at once (the engine's outbox)
     * @param channelLimits   each channel's limits (null: none), for the reply window and queue-position updates
     * @param live            the live events hub the engine reports to
     * @param webhook         the webhook inbox when {@code kind: webhook}, else null
     * @param knowledge       the knowledge search, for the suggestions next to a conversation
     * @param knowledgeFolder {@code knowledge.folder}, whose {@code _drafts/} holds drafts
     * @param reindex         syncs the knowledge index (after a draft is approved)
     * @param http            for the CRM lookup
     * @param language        the agents' language ({@link DeskLanguage}; the summarizer the engine got writes in it)
     * @param clock           the time
     */
    public record Dependencies(InboxConfig config, Store store, HumanDesk desk, Runnable wakeOutbox,
                               Function<Channel, ChannelLimits> channelLimits, LiveEvents live, WebhookInbox webhook,
                               KnowledgeSearch knowledge, Path knowledgeFolder, Runnable reindex, OkHttpClient http,
                               String language, Clock clock) {
    }

    private final InboxAuth auth;
    private final CustomerProfiles profiles;
    private final CannedReplies cannedReplies;
    private final List<ScheduledJob> jobs;
    private final List<Consumer<Javalin>> routes;

    private InboxModule(Dependencies d) {
        InboxConfig config = d.config();
        Store store = d.store();
        Clock clock = d.clock();
        ObjectMapper json = EngineJson.mapper();
        KeyValueStore kv = new JdbcKeyValueStore(store.db(), clock);
        ReplyWriter replies = new ReplyWriter(store, json);
        Function<Channel, ChannelLimits> limits = ch -> {
            ChannelLimits l = d.channelLimits().apply(ch);
            return l != null ? l : ChannelLimits.unlimited();
        };
        AgentDirectory agents = new AgentDirectory(config.agents());
        Localized fallback = config.timeoutMessage() != null ? config.timeoutMessage()
                : "callback".equals(config.timeoutFallback()) ? QueueTimeouts.CALLBACK : QueueTimeouts.LEAVE_MESSAGE;
        QueueTimeouts timeouts = new QueueTimeouts(store, replies, kv, config.queueTimeout(), fallback, d.live(),
                d.wakeOutbox(), clock);
        PositionUpdates positions = new PositionUpdates(store, replies, kv, config.positionUpdates(), limits,
                d.live(), d.wakeOutbox(), clock);
        this.profiles = new CustomerProfiles(store, d.live(), clock);
        this.auth = new InboxAuth(new Sessions(store.db(), config.sessionTtl(), clock), new ApiTokens(store.db(), clock),
                agents, config.apiToken());
        List<String> groupNames = config.groups().stream().map(Group::name).toList();
        TicketDesk tickets = new TicketDesk(d.desk(), new WorkRules(store, agents, groupNames));
        CrmLookup crm = new CrmLookup(config.crmUrl(), d.http(), config.crmTimeout(), json);
        DeskLabels labels = new DeskLabels(d.language(), config.intentLabels());
        SmallTalk smallTalk = SmallTalk.defaults();
        this.cannedReplies = new CannedReplies(store, new CannedReplyRepository(store.db()), d.language(), clock);
        this.routes = List.of(
                new ErrorRoutes(),
                new InboxPages(auth, agents, new LoginThrottle(LoginThrottle.Limits.DEFAULT, clock), d.language()),
                new MeRoutes(auth, d.live(), d.language()),
                new QueueRoutes(auth, new QueueViews(store, agents, new GroupRouter(config.groups()), groupNames,
                        timeouts, labels, clock)),
                new TicketRoutes(auth, tickets, json),
                new ConversationRoutes(auth, new ConversationViews(store, d.knowledge(), crm, timeouts, limits, labels,
                        text -> smallTalk.read(text).isSmallTalk(), clock), tickets, json),
                new CustomerRoutes(auth, profiles, json),
                new NoteRoutes(auth, new ConversationNotes(store, new NoteRepository(store.db()), d.live(), clock),
                        json),
                new CannedReplyRoutes(auth, cannedReplies, json),
                new DraftRoutes(auth, new KnowledgeDrafts(d.knowledgeFolder(), d.reindex(), kv, clock), json),
                new AnalyticsRoutes(auth, new Analytics(store, labels, clock)),
                new TokenRoutes(auth, new AgentTokens(auth.tokens(), agents), json),
                new WebhookDeliveryRoutes(auth, d.webhook()));
        this.jobs = jobs(config, timeouts, positions, store, d.webhook());
    }

    /**
     * Builds the module and does its start-up work: the webhook deliveries a crash left mid-post go back to the
     * queue, {@code inbox.canned-replies} missing from the database are added, and {@code inbox.customers} is applied
     * (before the engine takes messages, so a listed VIP is one from
     * the first message on).
     */
    public static InboxModule create(Dependencies d) {
        InboxModule module = new InboxModule(d);
        if (d.webhook() != null) {
            d.webhook().recoverInterrupted();
        }
        module.profiles.applyConfigured(d.config().customers());
        module.cannedReplies.seed(d.config().cannedReplies());
        if (d.config().agents().isEmpty() && "builtin".equals(d.config().kind())) {
            log.warn("inbox.agents is empty: nobody can log in to /inbox. Add agents (see docs/inbox.md; "
                    + "`baton hash-password` makes a password-hash)");
        }
        return module;
    }

    /**
     * The inbox the engine opens tickets in, for {@code inbox.kind}: the built-in one keeps tickets in Baton's tables
     * only; {@code webhook} posts them to a helpdesk; {@code wecom-kf} hands them to WeCom's own service desk.
     *
     * @param platformInbox the WeCom 微信客服 desk, when that channel is configured
     * @param webhook       the webhook inbox, needed when the kind is {@code webhook}
     */
    public static HumanInbox humanInbox(InboxConfig config, Optional<HumanInbox> platformInbox, WebhookInbox webhook) {
        return switch (config.kind()) {
            case "wecom-kf" -> platformInbox.orElseThrow(() -> new IllegalStateException(
                    "inbox.kind wecom-kf needs channels.wecom-kf"));
            case "webhook" -> java.util.Objects.requireNonNull(webhook, "inbox.kind webhook needs the webhook inbox");
            default -> new NoopInbox();
        };
    }

    private static List<ScheduledJob> jobs(InboxConfig config, QueueTimeouts timeouts, PositionUpdates positions,
                                           Store store, WebhookInbox webhook) {
        List<ScheduledJob> jobs = new ArrayList<>();
        if (!config.queueTimeout().isZero()) {
            Duration every = Duration.ofSeconds(Math.max(1, Math.min(30, config.queueTimeout().toSeconds() / 4)));
            jobs.add(new ScheduledJob("queue-timeouts", timeouts, every, every));
        }
        if (positions.enabled()) {
            jobs.add(new ScheduledJob("queue-positions", positions, positions.checkInterval(),
                    positions.checkInterval()));
        }
        jobs.add(new ScheduledJob("queue-state-sweep", new QueueStateSweep(store.db()), Duration.ofMinutes(1),
                Duration.ofMinutes(10)));
        if (webhook != null) {
            jobs.add(new ScheduledJob("webhook-deliveries", webhook::deliverDue, Duration.ZERO,
                    WebhookInbox.POLL));
        }
        return List.copyOf(jobs);
    }

    /** What the composition root runs on its scheduler, each with a fixed delay between runs. */
    public List<ScheduledJob> jobs() {
        return jobs;
    }

    /** Who is calling (sessions, agent tokens, the integration token), also for the operator routes. */
    public InboxAuth auth() {
        return auth;
    }

    /** Customer tier and tags, as people and the config set them. */
    public CustomerProfiles customerProfiles() {
        return profiles;
    }

    /** Adds the /inbox pages and the inbox's REST routes. */
    @Override
    public void accept(Javalin app) {
        routes.forEach(r -> r.accept(app));
    }
}
