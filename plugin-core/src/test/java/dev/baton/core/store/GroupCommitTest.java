package dev.baton.core.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    @Test
    void should_serve_the_commits_that_wait_during_a_write_with_one_more_write() throws Exception {
        CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        GroupCommit gc = new GroupCommit(() -> {
            if (writes.incrementAndGet() == 1) {
                hold(firstWriteMayEnd);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            Future<?> first = pool.submit(gc::await);
            await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() == 1);
            // nine commits finish while that write runs: it started before them, so it cannot count for them
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                others.add(pool.submit(gc::await));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gc.requests() == 10);
            assertThat(others).noneMatch(Future::isDone);

            firstWriteMayEnd.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> f : others) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(writes.get()).as("one write for the first commit, one shared by the nine").isEqualTo(2);
        assertThat(gc.flushes()).isEqualTo(2);
    }

    @Test
    void should_fail_the_commit_whose_write_failed_and_write_again_for_the_next() {
        AtomicBoolean diskFull = new AtomicBoolean(true);
        GroupCommit gc = new GroupCommit(() -> {
            if (diskFull.get()) {
                throw new SQLException("No space left on device");
            }
        });

        assertThatThrownBy(gc::await).isInstanceOf(StoreException.class).hasMessageContaining("No space left");
        diskFull.set(false);
        gc.await();
        assertThat(gc.flushes()).isEqualTo(1);
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
