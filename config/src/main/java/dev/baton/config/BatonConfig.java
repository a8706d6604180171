package dev.baton.config;

import dev.baton.inbox.config.GuessableSecrets;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.core.channel.Channel;
import dev.baton.core.config.BotMessages;
import dev.baton.core.config.ConfigProblems;
import dev.baton.core.config.LlmConfig;
import dev.baton.core.config.Localized;
import dev.baton.core.config.Validated;
import dev.baton.core.engine.EngineSettings;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.knowledge.CitationStyle;
import dev.baton.core.lookup.LookupConfig;
import dev.baton.core.triage.TriageOverrides;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole {@code baton.yaml}, typed. Every key has a default except a channel's own credentials; without
 * {@code llm:} Baton runs its offline agent. {@code channels:} is bound by the channel modules ({@link ChannelsConfig}). Keys are
 * kebab-case in YAML ({@code index-dir}) and camelCase here ({@code indexDir}). {@code lookups:} lists the business
 * look-ups ({@link LookupConfig}, docs/lookups.md).
 */
public record BatonConfig(Server server, Storage storage, Knowledge knowledge, LlmConfig llm, HandoffConfig handoff,
                          TriageOverrides triage, InboxConfig inbox, ChannelsConfig channels, BotMessages messages, Engine engine,
                          List<LookupConfig> lookups, Cluster cluster)
        implements Validated {

    public BatonConfig {
        server = server != null ? server : new Server(null, null, null, null);
        storage = storage != null ? storage : new Storage(null, null, null, null);
        knowledge = knowledge != null ? knowledge : new Knowledge(null, null, null, null, null, null, null);
        handoff = handoff != null ? handoff : HandoffConfig.defaults();
        inbox = inbox != null ? inbox : InboxConfig.defaults();
        channels = channels != null ? channels : ChannelsConfig.none();
        messages = messages != null ? messages : BotMessages.defaults();
        engine = engine != null ? engine : new Engine(null, null, null, null, null, null, null, null, null, null);
        lookups = lookups == null ? List.of() : lookups.stream().filter(java.util.Objects::nonNull).toList();
        cluster = cluster != null ? cluster : new Cluster(null, null, null);
    }

    @Override
    public void validate(String prefix, ConfigProblems problems) {
        server.validate("server", problems);
        storage.validate("storage", problems);
        knowledge.validate("knowledge", problems);
        if (llm != null) {
            llm.validate("llm", problems);
        }
        handoff.validate("handoff", problems);
        if (triage != null) {
            triage.validate("triage", problems);
        }
        inbox.validate("inbox", problems);
        engine.validate("engine", problems);
        channels.validate(problems);
        List<String> installed = channels.installed().keys();
        for (int i = 0; i < inbox.customers().size(); i++) {
            String channel = inbox.customers().get(i).channel();
            if (Channel.isValidKey(channel) && !installed.contains(channel)) {
                problems.add("inbox.customers[" + i + "].channel", "must be " + oneOf(installed) + ", got " + channel);
            }
        }
        // an inbox kind that names a channel (wecom-kf) is that channel's own servicer system
        String kind = inbox.kind();
        if (channels.installed().find(kind).isPresent() && !channels.isEnabled(kind)) {
            problems.add("inbox.kind", kind + " needs the channels." + kind + " block; add it or use kind: builtin");
        }
        GuessableSecrets.checkDemoPasswords(server.host(), inbox.agents(), problems);
        validateLookups(problems);
        cluster.validate("cluster", problems);
        if (cluster.enabled() && !storage.url().startsWith("jdbc:postgresql:")) {
            problems.add("cluster.enabled", "several instances share one PostgreSQL database: set storage.url to "
                    + "jdbc:postgresql://…, or cluster.enabled: false (H2 is for one instance)");
        }
    }

    /** Each look-up on its own, and their names unique (a name is an intent and a tool). */
    private void validateLookups(ConfigProblems problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lookups.size(); i++) {
            LookupConfig l = lookups.get(i);
            l.validate("lookups[" + i + "]", problems);
            if (l.name() != null && !names.add(l.name())) {
                problems.add("lookups[" + i + "].name", l.name() + " is declared twice; give each look-up its own "
                        + "name");
            }
        }
    }

    /** "a, b or c". */
    private static String oneOf(List<String> keys) {
        if (keys.size() < 2) {
            return keys.isEmpty() ? "the key of an installed channel (none is installed)" : keys.get(0);
        }
        return String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
    }

    /** This config with {@code channels:} as bound by the {@link ConfigLoader}. */
    public BatonConfig withChannels(ChannelsConfig bound) {
        return new BatonConfig(server, storage, knowledge, llm, handoff, triage, inbox, bound, messages, engine, lookups, cluster);
    }

    /** The same config listening elsewhere ({@code baton serve --port/--host}); not validated again here. */
    public BatonConfig withServer(Server other) {
        return new BatonConfig(other, storage, knowledge, llm, handoff, triage, inbox, channels, messages, engine, lookups, cluster);
    }

    /** The same config over another knowledge folder or index. */
    public BatonConfig withKnowledge(Knowledge other) {
        return new BatonConfig(server, storage, other, llm, handoff, triage, inbox, channels, messages, engine, lookups, cluster);
    }

    /**
     * {@code server:} where Baton listens. Without {@code host}, on every interface (0.0.0.0): the platforms' webhooks
     * must reach it. The bundled example config listens on 127.0.0.1.
     */
    public record Server(Integer port, String host, Long maxBodyBytes, Duration shutdownGrace) implements Validated {
        public Server {
            port = port != null ? port : 8080;
            host = host != null ? host : "0.0.0.0";
            maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : 1024L * 1024;
            shutdownGrace = shutdownGrace != null ? shutdownGrace : Duration.ofSeconds(10);
        }

        /** This server block with the given port and host where they are not null. */
        public Server listening(Integer otherPort, String otherHost) {
            return new Server(otherPort != null ? otherPort : port, otherHost != null ? otherHost : host, maxBodyBytes,
                    shutdownGrace);
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (port < 0 || port > 65535) {
                problems.add(prefix + ".port", "must be between 1 and 65535 (0 picks a free port), got " + port);
            }
            if (host.isBlank()) {
                problems.add(prefix + ".host", "must not be empty; 127.0.0.1 for this machine only, 0.0.0.0 for "
                        + "every interface");
            }
            if (maxBodyBytes < 1024) {
                problems.add(prefix + ".max-body-bytes", "must be at least 1024, got " + maxBodyBytes);
            }
        }
    }

    /**
     * {@code cluster:} several Baton instances on one PostgreSQL database (docs/scaling.md). Off by default: one
     * instance, with H2 or PostgreSQL, works as before.
     *
     * @param enabled    true: this instance shares the database's work with the others (claims, leases, events)
     * @param lease      how long a lease (a conversation being processed, a reply being sent, a cluster-wide job)
     *                   outlives its holder's last heartbeat: the longest a dead instance's work waits for another
     * @param instanceId this instance's name in the lease table; default: host name, process id and a random suffix
     */
    public record Cluster(Boolean enabled, Duration lease, String instanceId) implements Validated {
        public Cluster {
            enabled = enabled != null && enabled;
            lease = lease != null ? lease : Duration.ofSeconds(30);
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (lease.compareTo(Duration.ofSeconds(3)) < 0 || lease.compareTo(Duration.ofMinutes(10)) > 0) {
                problems.add(prefix + ".lease", "must be between 3s and 10m, got " + lease);
            }
            if (instanceId != null && (instanceId.isBlank() || instanceId.length() > 100
                    || !instanceId.matches("[A-Za-z0-9._-]+"))) {
                problems.add(prefix + ".instance-id", "must be 1 to 100 letters, digits, '.', '_' or '-', got "
                        + instanceId);
            }
        }
    }

    /** {@code storage:} the JDBC database: H2 (embedded, the default) or PostgreSQL. */
    public record Storage(String url, String user, String password, Integer pool) implements Validated {
        public Storage {
            url = url != null ? url : "jdbc:h2:file:./data/baton";
            pool = pool != null ? pool : 10;
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
                problems.add(prefix + ".url", "must start with jdbc:h2: or jdbc:postgresql:, got " + url);
            }
            if (pool < 2) {
                problems.add(prefix + ".pool", "must be at least 2, got " + pool);
            }
        }

        @Override
        public String toString() {
            return "Storage[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***")
                    + ", pool=" + pool + "]";
        }
    }

    /**
     * {@code knowledge:} the document folder and its index.
     *
     * @param scoreFloor {@code null}: thresholds calibrated per index and language; a number: a fixed floor on
     *                   {@code (1 + cosine) / 2} for every language (an operator's override)
     * @param citation   how customers see an answer's source: {@code title} (default), {@code none}, or a template
     *                   with {@code {title}}, {@code {section}}, {@code {label}} (a string or one per language)
     * @param embedding  the operator's embedding models ({@link EmbeddingConfig}); absent: the packaged ones
     */
    public record Knowledge(Path folder, Path indexDir, Boolean watch, Double scoreFloor, Integer topK,
                            Localized citation, EmbeddingConfig embedding)
            implements Validated {
        public Knowledge {
            folder = folder != null ? folder : Path.of("./knowledge");
            indexDir = indexDir != null ? indexDir : Path.of("./data/index");
            watch = watch != null ? watch : Boolean.TRUE;
            topK = topK != null ? topK : 5;
            embedding = embedding != null ? embedding : EmbeddingConfig.packaged();
        }

        /** A copy reading another folder. */
        public Knowledge withFolder(Path other) {
            return new Knowledge(other, indexDir, watch, scoreFloor, topK, citation, embedding);
        }

        /** The customer-facing citation style ({@code citation}). */
        public CitationStyle citationStyle() {
            return CitationStyle.of(citation);
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (scoreFloor != null && (scoreFloor < 0 || scoreFloor > 1)) {
                problems.add(prefix + ".score-floor", "must be between 0 and 1, got " + scoreFloor);
            }
            if (topK < 1 || topK > 50) {
                problems.add(prefix + ".top-k", "must be between 1 and 50, got " + topK);
            }
            CitationStyle.problem(citation).ifPresent(p -> problems.add(prefix + ".citation", p));
            embedding.validate(prefix + ".embedding", problems);
        }
    }

    /**
     * {@code engine:} tuning; the defaults suit a small shop on two cores.
     *
     * @param laneThreads       conversations processed in parallel; absent → one per core for the offline agent
     *                          (its work is CPU-bound embeddings, and more threads only take CPU from the webhook
     *                          acks), four per core (at least 8) with an LLM (its turns mostly wait on the network)
     * @param unsupportedMedia  {@code reply} (ask for text) or {@code handoff} when media cannot be read
     * @param averageHandleTime per-customer handling time used to estimate the queue wait
     * @param inboundRetention  processed inbound rows (the duplicate guard) are deleted this long after processing;
     *                          at least 7 days, the longest a platform re-delivers (Meta's WhatsApp webhooks)
     * @param outboxConfirmGrace a reply whose send was cut short (the instance died mid-send) on a channel whose
     *                          platform confirms deliveries (WhatsApp) waits this long for the platform's status before
     *                          it is sent again
     */
    public record Engine(Integer laneThreads, Integer laneQueue, Integer outboxMaxAttempts, Duration outboxBackoff,
                         Duration outboxMaxBackoff, Integer historyWindow, String unsupportedMedia,
                         Duration averageHandleTime, Duration inboundRetention, Duration outboxConfirmGrace)
            implements Validated {
        public Engine {
            laneQueue = laneQueue != null ? laneQueue : 10_000;
            outboxMaxAttempts = outboxMaxAttempts != null ? outboxMaxAttempts : 8;
            outboxBackoff = outboxBackoff != null ? outboxBackoff : Duration.ofSeconds(1);
            outboxMaxBackoff = outboxMaxBackoff != null ? outboxMaxBackoff : Duration.ofMinutes(5);
            historyWindow = historyWindow != null ? historyWindow : 20;
            unsupportedMedia = unsupportedMedia != null ? unsupportedMedia : "reply";
            averageHandleTime = averageHandleTime != null ? averageHandleTime : Duration.ofMinutes(3);
            inboundRetention = inboundRetention != null ? inboundRetention : EngineSettings.INBOUND_RETENTION;
            outboxConfirmGrace = outboxConfirmGrace != null ? outboxConfirmGrace : Duration.ofSeconds(60);
        }

        @Override
        public void validate(String prefix, ConfigProblems problems) {
            if (!List.of("reply", "handoff").contains(unsupportedMedia)) {
                problems.add(prefix + ".unsupported-media", "must be reply or handoff, got " + unsupportedMedia);
            }
            if ((laneThreads != null && laneThreads < 1) || laneQueue < 1 || outboxMaxAttempts < 1) {
                problems.add(prefix, "lane-threads, lane-queue and outbox-max-attempts must be at least 1");
            }
            if (outboxConfirmGrace.isNegative()) {
                problems.add(prefix + ".outbox-confirm-grace", "must not be negative, got " + outboxConfirmGrace);
            }
            if (inboundRetention.compareTo(Duration.ofDays(7)) < 0) {
                problems.add(prefix + ".inbound-retention", "must be at least 7d: platforms re-deliver a message for "
                        + "up to 7 days, and one whose record was deleted would be answered twice; got "
                        + inboundRetention);
            }
        }
    }
}
