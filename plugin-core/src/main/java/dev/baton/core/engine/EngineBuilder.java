package dev.baton.core.engine;

import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.ConversationEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.agent.OfflineAgent;
import dev.baton.core.agent.SupportAgent;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.Sender;
import dev.baton.core.csat.CsatConfig;
import dev.baton.core.csat.CsatRequests;
import dev.baton.core.cluster.Cluster;
import dev.baton.core.handoff.ExtractiveSummarizer;
import dev.baton.core.handoff.HandoffService;
import dev.baton.core.handoff.HandoffMetrics;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.handoff.callback.CallbackConfig;
import dev.baton.core.handoff.callback.CallbackIntake;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.handoff.HumanInbox;
import dev.baton.core.handoff.NoopInbox;
import dev.baton.core.handoff.Summarizer;
import dev.baton.core.knowledge.CitationStyle;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.lookup.Lookups;
import dev.baton.core.lookup.OfflineLookups;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.core.triage.SmallTalk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Wires the engine's parts. The composition root ({@code app}) and tests use it; anything not set gets the
 * embedded default (offline agent, keyword decider, built-in inbox, bounded named executors owned by the result).
 */
public final class EngineBuilder {

    private final Database db;
    private KnowledgeSearch knowledge = KnowledgeSearch.empty();
    private CitationStyle citations = CitationStyle.title();
    private SmallTalk smallTalk = SmallTalk.defaults();
    private TurnDecider decider;
    private HandoffPolicy policy = new HandoffPolicy(HandoffConfig.defaults());
    private Function<Store, SupportAgent> agent;
    private HumanInbox inbox = new NoopInbox();
    private final Map<Channel, Sender> senders = new HashMap<>();
    private EngineSettings settings = EngineSettings.defaults();
    private OutboxWorker.RetryPolicy retry = OutboxWorker.RetryPolicy.defaults();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private Clock clock = Clock.systemUTC();
    private ConversationEvents events = ConversationEvents.none();
    private Summarizer summarizer = new ExtractiveSummarizer();
    private Duration averageHandleTime = Duration.ofMinutes(3);
    private Routing routing = Routing.none();
    private CallbackConfig callbacks = CallbackConfig.defaults();
    private int laneThreads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    private int laneQueue = 10_000;
    private ThreadPoolExecutor laneExecutor;
    private Lookups lookups = Lookups.none();
    private CsatConfig csat = CsatConfig.defaults();
    private Cluster cluster = Cluster.single();

    public EngineBuilder(Database db) {
        this.db = db;
    }

    public EngineBuilder knowledge(KnowledgeSearch k) {
        this.knowledge = k;
        return this;
    }

    /** How small talk is told from questions; default: the built-in units ({@link SmallTalk#defaults()}). */
    public EngineBuilder smallTalk(SmallTalk s) {
        this.smallTalk = s;
        return this;
    }

    /** The handoff policy: its rules, priorities and groups (also for handoffs the agent asks for). */
    /** How the offline agent names its sources to customers (default: the entry's title). */
    public EngineBuilder citations(CitationStyle c) {
        this.citations = c;
        return this;
    }

    public EngineBuilder policy(HandoffPolicy p) {
        this.policy = p;
        return this;
    }

    /** How a turn is decided; default: keywords only, then the {@link #policy}. */
    public EngineBuilder decider(TurnDecider d) {
        this.decider = d;
        return this;
    }

    /** The agent, built from the store (the LLM agent keeps its memory there). */
    public EngineBuilder agent(Function<Store, SupportAgent> a) {
        this.agent = a;
        return this;
    }

    /**
     * The business look-ups ({@code lookups:}), run offline after the policy and before the agent; an agent that runs
     * them itself (the LLM's tools) must be given the same. Default: none.
     */
    public EngineBuilder lookups(Lookups l) {
        this.lookups = java.util.Objects.requireNonNull(l, "lookups");
        return this;
    }

    /**
     * Satisfaction requests after an agent's episode ({@code inbox.csat}); each group's own {@code csat.enabled}
     * comes from {@link #routing}. Default: on, with the built-in texts.
     */
    public EngineBuilder csat(CsatConfig c) {
        this.csat = java.util.Objects.requireNonNull(c, "csat");
        return this;
    }

    public EngineBuilder inbox(HumanInbox i) {
        this.inbox = i;
        return this;
    }

    public EngineBuilder sender(Sender s) {
        senders.put(s.channel(), s);
        return this;
    }

    public EngineBuilder settings(EngineSettings s) {
        this.settings = s;
        return this;
    }

    public EngineBuilder retry(OutboxWorker.RetryPolicy r) {
        this.retry = r;
        return this;
    }

    public EngineBuilder meters(MeterRegistry m) {
        this.meters = m;
        return this;
    }

    public EngineBuilder clock(Clock c) {
        this.clock = c;
        return this;
    }

    public EngineBuilder events(ConversationEvents e) {
        this.events = e;
        return this;
    }

    public EngineBuilder summarizer(Summarizer s) {
        this.summarizer = s;
        return this;
    }

    /** Groups with skills and business hours, applied when a handoff is opened. */
    public EngineBuilder routing(Routing r) {
        this.routing = r;
        return this;
    }

    /** How messages to call back are taken (留言, {@code inbox.callbacks}); default: {@link CallbackConfig#defaults()}. */
    public EngineBuilder callbacks(CallbackConfig c) {
        this.callbacks = java.util.Objects.requireNonNull(c, "callbacks");
        return this;
    }

    /** The clock the engine runs on (set by {@link #clock(Clock)}), for the parts of Baton that share it. */
    public Clock clock() {
        return clock;
    }

    public EngineBuilder averageHandleTime(Duration d) {
        this.averageHandleTime = d;
        return this;
    }

    /** Lane worker threads and the bound of their queue. */
    public EngineBuilder lanes(int threads, int queue) {
        this.laneThreads = threads;
        this.laneQueue = queue;
        return this;
    }

    /**
     * Runs the lanes on this executor instead of one built from {@link #lanes(int, int)}; it must be bounded (a full
     * queue rejects, and the message waits for the recovery sweep). The engine owns it from then on and shuts it down
     * on close. For embedding Baton in a host's thread model, and for the benchmark, which gates it.
     */
    public EngineBuilder laneExecutor(ThreadPoolExecutor executor) {
        this.laneExecutor = java.util.Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * How this engine shares the database with other instances (default: {@link Cluster#single()}, the only one). A
     * {@link Cluster#shared shared} cluster must be over this builder's database.
     */
    public EngineBuilder cluster(Cluster c) {
        this.cluster = java.util.Objects.requireNonNull(c, "cluster");
        return this;
    }

    /** The assembled engine and the parts the app exposes. Closing it stops the engine and its executors. */
    public record Built(Engine engine, HumanDesk desk, OutboxWorker outbox, Store store, SupportAgent agent,
                        EngineMetrics metrics, ObjectMapper json, List<ExecutorService> executors)
            implements AutoCloseable {

        public void shutdown(Duration drain) {
            engine.shutdown(drain);
            for (ExecutorService e : executors) {
                e.shutdown();
            }
            for (ExecutorService e : executors) {
                try {
                    e.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            shutdown(Duration.ofSeconds(10));
        }
    }

    public Built build() {
        Store store = Store.over(db);
        ObjectMapper json = EngineJson.mapper();
        EngineMetrics metrics = new EngineMetrics(meters);
        ThreadPoolExecutor laneExecutor = this.laneExecutor != null ? this.laneExecutor
                : new ThreadPoolExecutor(laneThreads, laneThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(laneQueue), named("baton-lane"), new ThreadPoolExecutor.AbortPolicy());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, named("baton-scheduler"));
        List<ExecutorService> owned = new ArrayList<>(List.of(laneExecutor, scheduler));

        Function<Channel, ChannelLimits> limits = ch -> {
            Sender s = senders.get(ch);
            return s == null ? ChannelLimits.unlimited() : s.limits();
        };
        SupportAgent theAgent = agent != null ? agent.apply(store)
                : new OfflineAgent(settings.messages().notSure(), settings.messages().sourceLabel(), citations,
                        settings.messages().notCovered());
        TurnDecider theDecider = decider != null ? decider
                : new KeywordDecider(policy.config().keywords(), policy);
        HandoffService handoffs = new HandoffService(store, summarizer, settings.messages().queued(), limits,
                averageHandleTime, routing);
        TurnPlanner planner = new TurnPlanner(knowledge, smallTalk, theDecider, theAgent, policy, settings, limits,
                new OfflineLookups(lookups));
        Routing groups = routing;
        CsatRequests csatRequests = new CsatRequests(store, new ReplyWriter(store, json), csat,
                name -> groups.group(name).map(g -> g.csat().enabled()).orElse(null), limits);
        TurnProcessor turns = new TurnProcessor(store, planner, handoffs, inbox, events, settings, metrics, json,
                clock, new CallbackIntake(store, routing, callbacks), csatRequests);
        HeldReplies held = new HeldReplies(clock);
        OutboxWorker outbox = new OutboxWorker(store, senders, retry, metrics, json, clock, scheduler, events, held,
                cluster);
        Dispatcher dispatcher = new Dispatcher(store, new Lanes(laneExecutor), turns, outbox, settings, clock,
                cluster);
        Engine engine = new Engine(store, dispatcher, outbox, settings, metrics, json, clock, scheduler, events, held,
                new CustomerView(store, routing, averageHandleTime, clock), cluster);
        HumanDesk desk = new HumanDesk(store, new ReplyWriter(store, json), handoffs, theAgent, inbox, events,
                new HandoffMetrics(meters),
                settings.messages().backToBot(), outbox::wake, clock, csatRequests);
        return new Built(engine, desk, outbox, store, theAgent, metrics, json, owned);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
