package dev.baton.app;

import dev.baton.config.BatonConfig;
import dev.baton.dev.DevConfig;
import dev.baton.config.ChannelsConfig;
import dev.baton.app.http.Health;
import dev.baton.app.http.HttpServer;
import dev.baton.app.http.OpsApi;
import dev.baton.app.lookup.DemoOrders;
import dev.baton.app.lookup.OkHttpLookupTransport;
import dev.baton.app.lookup.OwnServer;
import dev.baton.inbox.InboxModule;
import dev.baton.inbox.config.DeskLanguage;
import dev.baton.inbox.ScheduledJob;
import dev.baton.inbox.live.LiveEvents;
import dev.baton.inbox.webhook.WebhookInbox;
import dev.baton.core.channel.ChannelAdapter;
import dev.baton.core.channel.Sender;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.plugin.ChannelContext;
import dev.baton.core.plugin.ChannelRuntime;
import dev.baton.core.engine.EngineSettings;
import dev.baton.core.engine.OutboxWorker;
import dev.baton.core.agent.LlmAgent;
import dev.baton.core.agent.OfflineAgent;
import dev.baton.core.handoff.ExtractiveSummarizer;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.lookup.LookupConfig;
import dev.baton.core.lookup.Lookups;
import dev.baton.core.store.Database;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.Store;
import dev.baton.core.triage.Triage;
import dev.baton.core.triage.TriageConfig;
import dev.baton.core.engine.TriagePolicyDecider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.baton.knowledge.embed.CachingEmbeddingModel;
import dev.baton.knowledge.embed.Embedders;
import dev.baton.knowledge.embed.InProcessEmbeddings;
import dev.baton.knowledge.embed.LazyEmbeddingModel;
import dev.baton.knowledge.KnowledgeBase;
import dev.baton.knowledge.KnowledgeConfig;
import dev.baton.knowledge.SyncReport;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The composition root: builds every part from the config, in dependency order, and stops them in reverse.
 * Nothing else in Baton knows all modules.
 */
public final class BatonRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatonRuntime.class);

    private final BatonConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Database db;
    private KnowledgeBase knowledge;
    private EngineBuilder.Built engine;
    private HttpServer http;
    private PrometheusMeterRegistry meters;
    private final OwnServer ownServer = new OwnServer();
    private ClusterSupport cluster;

    private final Consumer<EngineBuilder> engineOverrides;

    private BatonRuntime(BatonConfig config, Consumer<EngineBuilder> engineOverrides) {
        this.config = config;
        this.engineOverrides = engineOverrides;
    }

    /** Starts everything: database, knowledge index, engine, channels and the HTTP server. */
    public static BatonRuntime start(BatonConfig config) {
        return start(config, b -> { });
    }

    /**
     * As {@link #start(BatonConfig)}, with a last say over the engine's assembly after the config has been applied
     * (e.g. {@link EngineBuilder#laneExecutor}), for hosts that embed Baton and for the benchmark harness.
     */
    public static BatonRuntime start(BatonConfig config, Consumer<EngineBuilder> engineOverrides) {
        BatonRuntime rt = new BatonRuntime(config, engineOverrides);
        try {
            rt.boot();
            return rt;
        } catch (RuntimeException | IOException e) {
            rt.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Opens (and syncs) the knowledge base alone, for {@code baton index} and {@code baton ask}. */
    public static KnowledgeBase openKnowledge(BatonConfig.Knowledge k, boolean watch) throws IOException {
        return openKnowledge(k, watch, KnowledgeModels.embedders(k));
    }

    static KnowledgeBase openKnowledge(BatonConfig.Knowledge k, boolean watch, Embedders embedders)
            throws IOException {
        return KnowledgeBase.open(knowledgeConfig(k).withWatch(watch), embedders);
    }

    /**
     * Opens the knowledge index to search it as last committed, while another process (a running Baton) holds it;
     * for {@code baton ask} and {@code baton index} beside a server.
     */
    public static KnowledgeBase openKnowledgeReadOnly(BatonConfig.Knowledge k) throws IOException {
        return KnowledgeBase.openReadOnly(knowledgeConfig(k).withWatch(false), KnowledgeModels.embedders(k));
    }

    private static KnowledgeConfig knowledgeConfig(BatonConfig.Knowledge k) {
        return KnowledgeConfig.defaults(k.folder(), k.indexDir()).withScoreFloor(k.scoreFloor());
    }

    /**
     * Offline triage as configured: built-in defaults, the {@code triage:} overrides and the handoff keywords. Unless
     * {@code triage.english-sentiment} is {@code classifier} or {@code lexicon}, the English messages the words
     * classifier is unsure of go through the in-process bge-small-en model, loaded at the first such message (about
     * half a second, once; ~110 MB that a shop without English customers or English knowledge never spends).
     */
    public static Triage triage(BatonConfig config, EmbeddingModel model) {
        return triage(config, model, InProcessEmbeddings.lazyBgeSmallEnQuantized());
    }

    /** As {@link #triage(BatonConfig, EmbeddingModel)} with the English model to use (shared with the knowledge). */
    static Triage triage(BatonConfig config, EmbeddingModel model, EmbeddingModel english) {
        TriageConfig tc = triageConfig(config);
        return new Triage(tc, model, english); // English: sentiment when configured so, and repetition
    }

    /**
     * The triage configuration {@link #triage} builds on: the defaults, the {@code triage:} overrides, the handoff
     * keywords, and each look-up's examples as the intent of its name (so that triage recognises "where is my order?"
     * as {@code order_status}; a built-in intent of that name keeps its own examples too).
     */
    public static TriageConfig triageConfig(BatonConfig config) {
        TriageConfig tc = TriageConfig.defaults();
        if (config.triage() != null) {
            tc = tc.with(config.triage());
        }
        if (!config.lookups().isEmpty()) {
            tc = tc.with(LookupConfig.intents(config.lookups()));
        }
        return tc.withExtraKeywords(config.handoff().keywords());
    }

    private void boot() throws IOException {
        StartupPhases phases = new StartupPhases();
        ChannelSummary.warnAboutTheDevChannel(config);
        // the model, the index and its sync need nothing below: they start on their own thread meanwhile
        CompletableFuture<KnowledgeStartup.Started> knowledgeStart = KnowledgeStartup.begin(config.knowledge());
        try {
            boot(phases, knowledgeStart);
        } catch (IOException | RuntimeException | Error e) {
            if (knowledge == null) {
                KnowledgeStartup.discard(knowledgeStart);
            }
            throw e;
        }
    }

    private void boot(StartupPhases phases, CompletableFuture<KnowledgeStartup.Started> knowledgeStart)
            throws IOException {
        Clock clock = Clock.systemUTC();
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);

        db = Database.open(config.storage().url(), config.storage().user(), config.storage().password(),
                config.storage().pool());
        closeables.add(db);
        cluster = ClusterSupport.create(config.cluster(), db, clock);
        closeables.add(cluster);
        phases.done("database");

        ExecutorService background = Threads.bounded("baton-channel", 4, 1000);
        closeables.add(background::shutdownNow);
        OkHttpClient okHttp = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15)).callTimeout(Duration.ofSeconds(20)).build();
        ChannelContext channelContext = new ChannelContext(clock, new JdbcKeyValueStore(db, clock), background,
                meters, cluster.cluster());

        // every channel is a plug-in: the modules found by ServiceLoader that have a block under channels:
        List<ChannelAdapter> adapters = new ArrayList<>();
        List<Sender> senders = new ArrayList<>();
        List<ChannelRuntime> runtimes = new ArrayList<>();
        Optional<HumanInbox> platformInbox = Optional.empty();
        for (ChannelsConfig.Configured<?> channel : config.channels().enabled()) {
            ChannelRuntime built = channel.create(channelContext);
            closeables.add(built);
            adapters.addAll(built.adapters());
            senders.add(built.sender());
            runtimes.add(built);
            if (channel.key().equals(config.inbox().kind())) {
                platformInbox = built.humanInbox(); // inbox.kind: <key> hands off to the platform's own servicers
            }
        }
        // what the engine needs from the inbox comes first: the live events hub and the inbox tickets open in
        ScheduledExecutorService inboxJobs = Threads.inboxScheduler();
        closeables.add(inboxJobs::shutdownNow);
        ExecutorService sse = Threads.bounded("baton-sse", 1, 1000);
        closeables.add(sse::shutdownNow);
        LiveEvents live = cluster.liveEvents(sse);
        closeables.add(live);
        WebhookInbox webhook = "webhook".equals(config.inbox().kind()) ? new WebhookInbox(config.inbox().webhook(),
                db, okHttp, EngineJson.mapper(), inboxJobs, WebhookInbox.FIRST_BACKOFF, clock) : null;
        HumanInbox inbox = InboxModule.humanInbox(config.inbox(), platformInbox, webhook);
        phases.done("channels and inbox");

        KnowledgeStartup.Started started = KnowledgeStartup.await(knowledgeStart);
        knowledge = started.knowledge();
        closeables.add(knowledge);
        CachingEmbeddingModel embeddings = started.embeddings();
        CachingEmbeddingModel english = started.english();
        LazyEmbeddingModel englishModel = started.englishModel();
        meters.more().counter("baton.embeddings", List.of(Tag.of("result", "cached")), embeddings,
                CachingEmbeddingModel::hits);
        meters.more().counter("baton.embeddings", List.of(Tag.of("result", "computed")), embeddings,
                CachingEmbeddingModel::misses);
        phases.done("waiting for the knowledge index");

        BatonConfig.Engine e = config.engine();
        EngineSettings settings = new EngineSettings(config.messages(), config.knowledge().topK(), e.historyWindow(),
                5, Duration.ofSeconds(5), "handoff".equals(e.unsupportedMedia()),
                Duration.ofMinutes(5), e.inboundRetention());
        HandoffPolicy policy = new HandoffPolicy(config.handoff());
        Triage triage = triageKeepingExampleVectors(embeddings, english);
        Lookups lookups = new Lookups(config.lookups(), new OkHttpLookupTransport(okHttp, ownServer), meters, clock);
        DeskLanguage desk = DeskLanguage.resolve(config.inbox(), config.knowledge().folder());
        log.info("inbox language: {} ({})", desk.code(), desk.source());
        ExtractiveSummarizer summary = new ExtractiveSummarizer(desk.code());
        EngineBuilder builder = new EngineBuilder(db)
                .knowledge(new KnowledgeBridge(knowledge))
                .summarizer(summary)
                .citations(config.knowledge().citationStyle())
                .policy(policy)
                .routing(new Routing(config.inbox().groups()))
                .callbacks(config.inbox().callbacks())
                .csat(config.inbox().csat())
                .decider(new TriagePolicyDecider(triage, policy, lookups.names()))
                .lookups(lookups)
                .inbox(inbox)
                .settings(settings)
                .retry(new OutboxWorker.RetryPolicy(e.outboxMaxAttempts(), e.outboxBackoff(), e.outboxMaxBackoff(),
                        e.outboxConfirmGrace()))
                .meters(meters)
                .clock(clock)
                .averageHandleTime(e.averageHandleTime())
                .lanes(laneThreads(e, config.llm() != null), e.laneQueue())
                .events(live)
                .cluster(cluster.cluster());
        if (config.llm() != null) {
            OfflineAgent offline = new OfflineAgent(settings.messages().notSure(), settings.messages().sourceLabel(),
                    config.knowledge().citationStyle(), settings.messages().notCovered());
            LlmAgent llm = LlmAgent.create(config.llm(), Store.over(db), new KnowledgeBridge(knowledge), lookups,
                    offline, meters, clock);
            closeables.add(llm);
            builder.agent(store -> llm).summarizer(config.llm().llmSummary() ? llm.summarizer(summary) : summary);
            log.info("agent: LLM {} at {}", config.llm().model(), config.llm().baseUrl().getHost());
        } else {
            log.info("agent: offline (answers from the knowledge base; add llm: to baton.yaml for an LLM)");
        }
        senders.forEach(builder::sender);
        engineOverrides.accept(builder);
        engine = builder.build();
        Clock engineClock = builder.clock(); // the inbox's timers run on the engine's clock (tests set it)
        InboxModule inboxModule = InboxModule.create(new InboxModule.Dependencies(
                config.inbox().withIntentLabelDefaults(LookupConfig.labels(config.lookups())), engine.store(),
                engine.desk(), engine.outbox()::wake, channel -> senders.stream().filter(s -> s.channel().equals(channel))
                .findFirst().map(Sender::limits).orElse(null), live, webhook, new KnowledgeBridge(knowledge),
                config.knowledge().folder(), cluster.reindexEverywhere(this::reindex, background), okHttp, desk.code(),
                engineClock, meters,
                ch -> runtimes.stream().filter(r -> r.sender().channel().equals(ch)).findFirst().orElse(null)),
                InboxAssist.of(config.llm(), embeddings, english, meters, clock, closeables::add));
        engine.engine().start();
        for (ScheduledJob job : inboxModule.jobs()) {
            inboxJobs.scheduleWithFixedDelay(cluster.guarded(job), job.initialDelay().toMillis(), job.every().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        phases.done("engine");

        List<Consumer<Javalin>> routes = new ArrayList<>();
        routes.add(new OpsApi(engine.store(), engine.engine(), inboxModule.auth(), engine.outbox()::wake));
        routes.add(inboxModule);
        KnowledgeBase index = knowledge;
        routes.add(new Health(List.of(new Health.Check("database", db::reachable),
                new Health.Check("knowledge", () -> index.size() >= 0),
                new Health.Check("claiming", engine.engine()::claiming),
                new Health.Check("cluster-events", cluster::eventsConnected))));
        if (config.channels().isEnabled(DevConfig.KEY)) {
            routes.add(DemoOrders.load()); // the example shop's order API, for the bundled order_status look-up
        }
        http = new HttpServer(config.server().host(), config.server().maxBodyBytes(), adapters, engine.engine(),
                meters, engine.json(), routes, ChannelSummary.notConfigured(config)).start(config.server().port());
        ownServer.listening(http.port());
        log.info("Baton is listening on port {} (channels: {})", http.port(), ChannelSummary.names(config));
        if (!lookups.isEmpty()) {
            log.info("look-ups: {}", String.join(", ", lookups.names().stream().sorted().toList()));
        }
        phases.done("http");
        log.info(phases.summary());
        KnowledgeStartup.loadInTheBackground(embeddings);
        if (knowledge.hasEnglishVectors() && !englishModel.loaded()) {
            KnowledgeStartup.warmUp(englishModel); // English questions need it: load it now, after start-up, not at the first one
        }
    }

    /** Triage over example vectors kept from the last start: unchanged examples need no model to start. */
    private Triage triageKeepingExampleVectors(EmbeddingModel embeddings, EmbeddingModel english) {
        ExampleVectors examples = new ExampleVectors(embeddings,
                InProcessEmbeddings.identity(CachingEmbeddingModel.unwrap(embeddings)),
                config.knowledge().indexDir().resolve("triage-examples.vectors"));
        Triage triage = triage(config, examples, english);
        examples.seal();
        return triage;
    }

    private void reindex() {
        try {
            SyncReport r = knowledge.sync();
            log.info("knowledge: {}", r.summary());
        } catch (IOException | RuntimeException ex) {
            log.warn("knowledge reindex failed: {}", ex.toString());
        }
    }

    /** Configured lane threads, else a default that suits the agent's kind of work (see {@link BatonConfig.Engine}). */
    static int laneThreads(BatonConfig.Engine e, boolean llm) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (e.laneThreads() != null) {
            return e.laneThreads();
        }
        return llm ? Math.max(8, cores * 4) : Math.max(2, cores);
    }

    public int port() {
        return http.port();
    }

    public EngineBuilder.Built engine() {
        return engine;
    }

    public KnowledgeBase knowledge() {
        return knowledge;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Graceful stop: the server stops taking requests, the lanes drain, then modules and the database close. */
    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (engine != null) {
            engine.shutdown(config.server().shutdownGrace());
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ex) {
                log.warn("closing {} failed: {}", closeables.get(i).getClass().getSimpleName(), ex.toString());
            }
        }
        closeables.clear();
    }
}
