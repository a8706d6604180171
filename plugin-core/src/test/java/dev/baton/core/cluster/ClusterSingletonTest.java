package dev.baton.core.cluster;

import dev.baton.core.store.Database;
import dev.baton.core.store.Store;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster-wide job (queue time-outs, queue positions, the retention sweeps) scheduled on every instance runs on one
 * of them at a time, and moves to another when its holder dies (after the lease) or drains (at once).
 */
class ClusterSingletonTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static EmbeddedPostgresDatabase pg;
    private static Database second;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgresDatabase.start(3);
        second = pg.openInstance(3);
    }

    @AfterAll
    static void stop() throws IOException {
        second.close();
        pg.close();
    }

    @Test
    void should_run_a_job_on_one_instance_and_move_it_when_that_instance_dies() {
        TestClock clock = TestClock.system();
        Cluster a = Cluster.shared(Store.over(pg.db()), "a", LEASE, clock);
        Cluster b = Cluster.shared(Store.over(second), "b", LEASE, clock);
        String job = "queue-timeouts-" + UUID.randomUUID();
        List<String> runs = new ArrayList<>();
        Runnable onA = a.singleton(job, () -> runs.add("a"));
        Runnable onB = b.singleton(job, () -> runs.add("b"));

        for (int tick = 0; tick < 5; tick++) { // both instances' schedulers fire, in either order
            onA.run();
            onB.run();
            clock.advance(Duration.ofSeconds(5));
            a.heartbeat();
            b.heartbeat();
        }
        assertThat(runs).as("one run per tick, on the first taker").containsOnly("a").hasSize(5);

        // a is killed: no more heartbeats, no more runs. b keeps ticking.
        runs.clear();
        for (int tick = 0; tick < 5; tick++) {
            clock.advance(Duration.ofSeconds(5));
            b.heartbeat();
            onB.run();
        }
        assertThat(runs).as("a's lease has 30 s left after its last beat").isEmpty();
        for (int tick = 0; tick < 3; tick++) {
            clock.advance(Duration.ofSeconds(5));
            b.heartbeat();
            onB.run();
        }
        assertThat(runs).as("taken over once the lease expired").containsOnly("b").isNotEmpty();
    }

    @Test
    void should_hand_a_job_over_at_once_when_its_holder_drains() {
        TestClock clock = TestClock.system();
        Cluster a = Cluster.shared(Store.over(pg.db()), "a2", LEASE, clock);
        Cluster b = Cluster.shared(Store.over(second), "b2", LEASE, clock);
        String job = "retention-" + UUID.randomUUID();
        List<String> runs = new ArrayList<>();

        a.singleton(job, () -> runs.add("a")).run();
        b.singleton(job, () -> runs.add("b")).run();
        a.drain();
        a.singleton(job, () -> runs.add("a")).run();
        b.singleton(job, () -> runs.add("b")).run();

        assertThat(runs).containsExactly("a", "b");
        assertThat(a.mayClaim()).isFalse();
    }

    @Test
    void should_stop_claiming_when_its_own_heartbeat_is_late_so_that_nothing_runs_twice() {
        TestClock clock = TestClock.system();
        Cluster a = Cluster.shared(Store.over(pg.db()), "a3", LEASE, clock);
        a.heartbeat();
        clock.advance(Duration.ofSeconds(21)); // more than two thirds of the lease without reaching the database

        assertThat(a.mayClaim()).isFalse();
        assertThat(a.runsJob("anything-" + UUID.randomUUID())).isFalse();
        a.heartbeat();
        assertThat(a.mayClaim()).isTrue();
    }
}
