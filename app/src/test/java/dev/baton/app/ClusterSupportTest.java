package dev.baton.app;

import dev.baton.config.BatonConfig;
import dev.baton.core.store.Database;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import dev.baton.inbox.ScheduledJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code cluster.enabled} changes in the composition root: a draft approved on one instance re-indexes every
 * instance, and an inbox job scheduled on both runs on one.
 */
class ClusterSupportTest {

    private EmbeddedPostgresDatabase pg;
    private Database second;
    private ClusterSupport a;
    private ClusterSupport b;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void twoInstances() throws IOException {
        pg = EmbeddedPostgresDatabase.start(3);
        second = pg.openInstance(3);
        a = ClusterSupport.create(new BatonConfig.Cluster(true, Duration.ofSeconds(30), "a"), pg.db(),
                Clock.systemUTC());
        b = ClusterSupport.create(new BatonConfig.Cluster(true, Duration.ofSeconds(30), "b"), second,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() throws IOException {
        background.shutdownNow();
        a.close();
        b.close();
        second.close();
        pg.close();
    }

    @Test
    void should_reindex_every_instance_when_a_draft_is_approved_on_one() {
        AtomicInteger reindexedA = new AtomicInteger();
        AtomicInteger reindexedB = new AtomicInteger();
        Runnable approvedOnA = a.reindexEverywhere(reindexedA::incrementAndGet, background);
        b.reindexEverywhere(reindexedB::incrementAndGet, background);
        a.liveEvents(Executors.newSingleThreadExecutor());
        b.liveEvents(Executors.newSingleThreadExecutor());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.eventsConnected() && b.eventsConnected());

        approvedOnA.run();

        assertThat(reindexedA.get()).as("the approving instance re-indexes at once").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> reindexedB.get() == 1);
        assertThat(reindexedA.get()).as("not told again by its own notification").isEqualTo(1);
    }

    @Test
    void should_run_an_inbox_job_on_one_instance_only() {
        AtomicInteger runs = new AtomicInteger();
        ScheduledJob job = new ScheduledJob("queue-timeouts", runs::incrementAndGet, Duration.ZERO,
                Duration.ofSeconds(1));
        Runnable onA = a.guarded(job);
        Runnable onB = b.guarded(job);
        a.cluster().heartbeat();
        b.cluster().heartbeat();

        for (int i = 0; i < 3; i++) {
            onA.run();
            onB.run();
        }

        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void should_run_everything_locally_without_a_cluster() {
        ClusterSupport single = ClusterSupport.create(new BatonConfig.Cluster(false, null, null), pg.db(),
                Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        Runnable reindex = single.reindexEverywhere(runs::incrementAndGet, background);

        reindex.run();
        single.guarded(new ScheduledJob("x", runs::incrementAndGet, Duration.ZERO, Duration.ofSeconds(1))).run();

        assertThat(runs.get()).isEqualTo(2);
        assertThat(single.eventsConnected()).isTrue();
        assertThat(single.cluster().enabled()).isFalse();
        single.close();
    }
}
