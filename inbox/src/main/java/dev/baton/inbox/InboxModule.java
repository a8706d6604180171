package dev.baton.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.agent.ReplyDraftWriter;
import dev.baton.core.knowledge.QuestionVectors;
import dev.baton.core.config.Localized;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.NoopInbox;
import dev.baton.core.handoff.routing.Group;
import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.PositionUpdates;
import dev.baton.core.handoff.routing.QueueStateSweep;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.handoff.routing.FirstResponseTimeouts;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.handoff.callback.CallbackIntake;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.state.KeyValueStore;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.Store;
import dev.baton.core.triage.SmallTalk;
import dev.baton.inbox.analytics.Analytics;
import dev.baton.inbox.analytics.DeskAnalytics;
import dev.baton.inbox.assist.Copilot;
import dev.baton.inbox.assist.HumanAnswers;
import dev.baton.inbox.assist.KnowledgeGaps;
import dev.baton.inbox.assist.VectorCache;
import dev.baton.inbox.auth.AgentDirectory;
import dev.baton.inbox.auth.ApiTokens;
import dev.baton.inbox.auth.LoginThrottle;
import dev.baton.inbox.auth.Sessions;
import dev.baton.inbox.config.DeskLanguage;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.inbox.desk.AgentTokens;
import dev.baton.inbox.desk.CallbackDesk;
import dev.baton.inbox.desk.CannedReplies;
import dev.baton.inbox.desk.ConversationNotes;
import dev.baton.inbox.desk.ConversationViews;
import dev.baton.inbox.desk.CrmLookup;
import dev.baton.inbox.desk.CustomerLinks;
import dev.baton.inbox.desk.CustomerProfiles;
import dev.baton.inbox.desk.PersonViews;
import dev.baton.inbox.desk.DeskLabels;
import dev.baton.inbox.desk.QueueViews;
import dev.baton.inbox.desk.TicketDesk;
import dev.baton.inbox.desk.TypingNotices;
import dev.baton.inbox.desk.WorkRules;
import dev.baton.inbox.http.AnalyticsRoutes;
import dev.baton.inbox.http.AnalyticsReportRoutes;
import dev.baton.inbox.http.CallbackRoutes;
import dev.baton.inbox.http.CannedReplyRoutes;
import dev.baton.inbox.http.CopilotRoutes;
import dev.baton.inbox.http.KnowledgeGapRoutes;
import dev.baton.inbox.http.NoteRoutes;
import dev.baton.inbox.http.ConversationRoutes;
import dev.baton.inbox.http.CustomerLinkRoutes;
import dev.baton.inbox.http.CustomerRoutes;
import dev.baton.inbox.http.DraftRoutes;
import dev.baton.inbox.http.ErrorRoutes;
import dev.baton.inbox.http.InboxAuth;
import dev.baton.inbox.http.InboxPages;
import dev.baton.inbox.http.MeRoutes;
import dev.baton.inbox.http.QueueRoutes;
import dev.baton.inbox.http.TicketRoutes;
import dev.baton.inbox.http.TokenRoutes;
import dev.baton.inbox.http.TypingRoutes;
import dev.baton.inbox.http.WebhookDeliveryRoutes;
import dev.baton.inbox.knowledge.KnowledgeDrafts;
import dev.baton.inbox.live.LiveEvents;
import dev.baton.inbox.store.CannedReplyRepository;
import dev.baton.inbox.store.NoteRepository;
import dev.baton.inbox.webhook.WebhookInbox;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
     * @param meters          where the SLA breaches are counted ({@code baton.sla.breaches})
     * @param channels        each installed channel's runtime (null for a channel not installed): which customers may
     *                        be linked across channels, and whether it shows an agent's typing
     */
    public record Dependencies(InboxConfig config, Store store, HumanDesk desk, Runnable wakeOutbox,
                               Function<Channel, ChannelLimits> channelLimits, LiveEvents live, WebhookInbox webhook,
                               KnowledgeSearch knowledge, Path knowledgeFolder, Runnable reindex, OkHttpClient http,
                               String language, Clock clock, MeterRegistry meters,
                               Function<Channel, ChannelRuntime> channels) {

        /**
         * Without a meter registry of the app's (the SLA breaches are counted in a registry of their own) and without
         * the channels' runtimes (no customer is linkable, no typing is shown): tests, tools.
         */
        public Dependencies(InboxConfig config, Store store, HumanDesk desk, Runnable wakeOutbox,
                            Function<Channel, ChannelLimits> channelLimits, LiveEvents live, WebhookInbox webhook,
                            KnowledgeSearch knowledge, Path knowledgeFolder, Runnable reindex, OkHttpClient http,
                            String language, Clock clock) {
            this(config, store, desk, wakeOutbox, channelLimits, live, webhook, knowledge, knowledgeFolder, reindex,
                    http, language, clock, new SimpleMeterRegistry(), channel -> null);
        }
    }

    /**
     * What the copilot and the knowledge gaps need besides {@link Dependencies}.
     *
     * @param vectors questions as sentence vectors (the knowledge's embedding models), to find similar questions
     * @param writer  the model that writes reply drafts, or {@link ReplyDraftWriter#none()} offline
     * @param llm     a model is configured
     */
    public record Assist(QuestionVectors vectors, ReplyDraftWriter writer, boolean llm) {

        /** No model and no embeddings: the copilot offers the knowledge and canned replies only. */
        public static Assist none() {
            return new Assist(QuestionVectors.none(), ReplyDraftWriter.none(), false);
        }
    }

    private final InboxAuth auth;
    private final CustomerProfiles profiles;
    private final CannedReplies cannedReplies;
    private final List<ScheduledJob> jobs;
    private final List<Consumer<Javalin>> routes;
    private final List<Consumer<Javalin>> assistRoutes;

    private InboxModule(Dependencies d, Assist assist) {
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
        Routing routing = new Routing(config.groups());
        QueueTimeouts timeouts = new QueueTimeouts(store, replies, kv, config.queueTimeout(), fallback, d.live(),
                d.wakeOutbox(), clock, new CallbackIntake(store, routing, config.callbacks()));
        FirstResponseTimeouts firstResponses = new FirstResponseTimeouts(store, routing, d.live(),
                d.webhook() != null ? d.webhook()::slaBreached : breach -> { }, d.meters(), clock);
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
        Function<Channel, ChannelRuntime> channels = d.channels();
        CustomerLinks links = new CustomerLinks(store, ch -> Optional.ofNullable(channels.apply(ch))
                .map(ChannelRuntime::identities).orElse(null), d.live(), clock);
        TypingNotices typing = new TypingNotices(store, ch -> Optional.ofNullable(channels.apply(ch))
                .flatMap(ChannelRuntime::typing).orElse(null), clock, d.live()::typing);
        d.live().onTypingElsewhere(typing::fromElsewhere);
        PersonViews people = new PersonViews(store, links);
        this.cannedReplies = new CannedReplies(store, new CannedReplyRepository(store.db()), d.language(), clock);
        this.routes = List.of(
                new ErrorRoutes(),
                new InboxPages(auth, agents, new LoginThrottle(LoginThrottle.Limits.DEFAULT, clock, store.db()), d.language()),
                new MeRoutes(auth, d.live(), d.language()),
                new QueueRoutes(auth, new QueueViews(store, agents, new GroupRouter(config.groups()), groupNames,
                        timeouts, labels, clock, people)),
                new TicketRoutes(auth, tickets, json),
                new ConversationRoutes(auth, new ConversationViews(store, d.knowledge(), crm, timeouts, limits, labels,
                        text -> smallTalk.read(text).isSmallTalk(), clock, links), tickets, json),
                new CustomerRoutes(auth, profiles, json),
                new CustomerLinkRoutes(auth, links, people, json),
                new TypingRoutes(auth, typing),
                new NoteRoutes(auth, new ConversationNotes(store, new NoteRepository(store.db()), d.live(), clock),
                        json),
                new CannedReplyRoutes(auth, cannedReplies, json),
                new DraftRoutes(auth, new KnowledgeDrafts(d.knowledgeFolder(), d.reindex(), kv, clock), json),
                new AnalyticsRoutes(auth, new Analytics(store, labels, clock)),
                new AnalyticsReportRoutes(auth, new DeskAnalytics(store.db(), labels, clock, groupNames,
                        agents.all().stream().map(AgentDirectory.Agent::name).toList()), clock),
                new TokenRoutes(auth, new AgentTokens(auth.tokens(), agents), json),
                new WebhookDeliveryRoutes(auth, d.webhook()),
                new CallbackRoutes(auth, new CallbackDesk(store, agents, d.live(), clock), json));
        this.assistRoutes = assistRoutes(d, assist, kv, json, smallTalk);
        this.jobs = jobs(config, timeouts, positions, store, d.webhook(), firstResponses);
    }

    /**
     * Builds the module and does its start-up work: the webhook deliveries a crash left mid-post go back to the
     * queue, {@code inbox.canned-replies} missing from the database are added, and {@code inbox.customers} is applied
     * (before the engine takes messages, so a listed VIP is one from
     * the first message on).
     */
    public static InboxModule create(Dependencies d) {
        return create(d, Assist.none());
    }

    /** As {@link #create(Dependencies)}, with what the copilot and the knowledge gaps use. */
    public static InboxModule create(Dependencies d, Assist assist) {
        InboxModule module = new InboxModule(d, assist);
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

    /** The copilot's and the knowledge gaps' routes (issue 18, items 6 and 7). */
    private List<Consumer<Javalin>> assistRoutes(Dependencies d, Assist assist, KeyValueStore kv, ObjectMapper json,
                                                 SmallTalk smallTalk) {
        java.util.function.Predicate<String> isSmallTalk = text -> smallTalk.read(text).isSmallTalk();
        HumanAnswers answers = new HumanAnswers(d.store(), isSmallTalk);
        VectorCache vectors = new VectorCache(assist.vectors());
        Copilot copilot = new Copilot(d.store(), d.knowledge(), cannedReplies, answers, vectors, assist.writer(),
                assist.llm(), isSmallTalk, d.clock());
        KnowledgeGaps gaps = new KnowledgeGaps(d.store(), answers, vectors,
                new KnowledgeDrafts(d.knowledgeFolder(), d.reindex(), kv, d.clock()), kv, isSmallTalk, d.clock());
        return List.of(new CopilotRoutes(auth, copilot, d.language()), new KnowledgeGapRoutes(auth, gaps, json));
    }

    private static List<ScheduledJob> jobs(InboxConfig config, QueueTimeouts timeouts, PositionUpdates positions,
                                           Store store, WebhookInbox webhook, FirstResponseTimeouts firstResponses) {
        List<ScheduledJob> jobs = new ArrayList<>();
        if (!config.queueTimeout().isZero()) {
            Duration every = Duration.ofSeconds(Math.max(1, Math.min(30, config.queueTimeout().toSeconds() / 4)));
            jobs.add(new ScheduledJob("queue-timeouts", timeouts, every, every));
        }
        if (positions.enabled()) {
            jobs.add(new ScheduledJob("queue-positions", positions, positions.checkInterval(),
                    positions.checkInterval()));
        }
        if (firstResponses.enabled()) {
            jobs.add(new ScheduledJob("first-response-sla", firstResponses, firstResponses.checkInterval(),
                    firstResponses.checkInterval()));
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
        assistRoutes.forEach(r -> r.accept(app));
    }
}
