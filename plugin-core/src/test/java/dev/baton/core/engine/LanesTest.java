package dev.baton.core.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LanesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void should_run_one_customers_messages_in_order_while_other_customers_proceed() throws Exception {
        Lanes lanes = new Lanes(pool);
        List<String> seen = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            lanes.submit("a", () -> seen.add("a" + n));
            lanes.submit("b", () -> seen.add("b" + n));
        }
        assertThat(lanes.drain(Duration.ofSeconds(5))).isTrue();
        assertThat(seen.stream().filter(s -> s.startsWith("a")).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "a" + i).toList());
        assertThat(seen).hasSize(100);
    }

    @Test
    void should_drop_unstarted_work_when_a_timed_out_drain_is_abandoned() throws Exception {
        Lanes lanes = new Lanes(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        lanes.submit("slow", () -> {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        });
        for (int i = 0; i < 10; i++) {
            lanes.submit("slow", ran::incrementAndGet);
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(lanes.drain(Duration.ZERO)).as("a drain that times out at once").isFalse();
        assertThat(lanes.submit("new", ran::incrementAndGet)).as("no new work while stopping").isFalse();
        // the running message finishes only once abandon() has cleared the queue: 1 task left, the running one
        Thread releaser = new Thread(() -> {
            await().atMost(Duration.ofSeconds(5)).until(() -> lanes.queued() == 1);
            release.countDown();
        });
        releaser.start();
        int dropped = lanes.abandon(Duration.ofSeconds(5)); // clears the queue at once, then waits for the running one

        assertThat(dropped).isEqualTo(10);
        assertThat(ran.get()).as("only the message already running finished").isEqualTo(1);
        assertThat(lanes.queued()).isZero();
    }
}
