package dev.baton.app;

import dev.baton.config.BatonConfig;
import dev.baton.core.cluster.Cluster;
import dev.baton.core.cluster.ClusterEvents;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.inbox.ScheduledJob;
import dev.baton.inbox.live.LiveEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ExecutorService;

/**
 * What {@code cluster:} changes in the composition root (docs/scaling.md): the {@link Cluster} the engine and the
 * channels take their leases from, the inbox's periodic jobs guarded so that one instance runs each, and the live
 * events relayed to and from the other instances over PostgreSQL's {@code LISTEN/NOTIFY}. Without {@code cluster:}
 * (or on H2) every piece is the single-instance one and nothing here touches the database.
 */
final class ClusterSupport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterSupport.class);

    private final Cluster cluster;
    private final ClusterEvents events;
    private final ExecutorService eventSender;

    private ClusterSupport(Cluster cluster, ClusterEvents events, ExecutorService eventSender) {
        this.cluster = cluster;
        this.events = events;
        this.eventSender = eventSender;
    }

    /** The single-instance pieces unless {@code cluster.enabled} (validated to be on PostgreSQL). */
    static ClusterSupport create(BatonConfig.Cluster config, Database db, Clock clock) {
        if (!config.enabled()) {
            return new ClusterSupport(Cluster.single(), null, null);
        }
        String id = config.instanceId() != null ? config.instanceId() : Cluster.newInstanceId();
        Cluster cluster = Cluster.shared(Store.over(db), id, config.lease(), clock);
        ExecutorService sender = Threads.bounded("baton-cluster-notify", 1, 10_000);
        log.info("cluster: instance {} shares {} with the other instances (lease {})", id, "the database",
                config.lease());
        return new ClusterSupport(cluster, new ClusterEvents(db, id, sender), sender);
    }

    Cluster cluster() {
        return cluster;
    }

    /** The inbox's live events hub: with several instances it also relays this instance's events to the others. */
    LiveEvents liveEvents(ExecutorService sse) {
        if (events == null) {
            return new LiveEvents(sse);
        }
        ClusterEvents relay = events;
        LiveEvents live = new LiveEvents(sse, relay::publish);
        live.relayTyping(relay::publishTyping);
        relay.onTyping(live::typingElsewhere);
        relay.start(live::changedElsewhere);
        return live;
    }

    /** The job's task, run by one instance of the cluster at a time (by this one alone without a cluster). */
    Runnable guarded(ScheduledJob job) {
        return cluster.singleton(job.name(), job.task());
    }

    /** Whether the events of the other instances reach this one (always true without a cluster). */
    boolean eventsConnected() {
        return events == null || events.listening();
    }

    /**
     * The re-index to run after a draft is approved here: {@code reindex}, then, with a cluster, a word to the other
     * instances, which then run their own {@code reindex} on {@code background} (each instance indexes the same folder
     * into its own index: see docs/scaling.md).
     */
    Runnable reindexEverywhere(Runnable reindex, ExecutorService background) {
        if (events == null) {
            return reindex;
        }
        ClusterEvents relay = events;
        relay.onKnowledgeChanged(() -> {
            try {
                background.execute(reindex);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.warn("knowledge: another instance changed the folder, but the re-index was not queued: {}",
                        e.toString());
            }
        });
        return () -> {
            reindex.run();
            relay.publishKnowledgeChanged();
        };
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
            eventSender.shutdownNow();
        }
    }
}
