package dev.baton.core.store;

import dev.baton.core.testing.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key-value state two instances share on PostgreSQL: both writing the same new key at the same moment (the WeCom
 * "pull wanted" mark of a first callback, a first sync cursor) succeed, and the key holds one of their values.
 */
class SharedKeyValueStoreTest {

    private static EmbeddedPostgresDatabase pg;
    private static Database second;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgresDatabase.start(6);
        second = pg.openInstance(6);
    }

    @AfterAll
    static void stop() throws IOException {
        second.close();
        pg.close();
    }

    @Test
    void should_let_two_instances_write_the_same_new_key_at_once() throws Exception {
        JdbcKeyValueStore a = new JdbcKeyValueStore(pg.db(), Clock.systemUTC());
        JdbcKeyValueStore b = new JdbcKeyValueStore(second, Clock.systemUTC());
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 30; round++) {
                String key = "wecom-kf.wanted.round-" + round;
                CyclicBarrier together = new CyclicBarrier(8);
                List<Future<?>> writes = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    JdbcKeyValueStore store = w % 2 == 0 ? a : b;
                    String value = "nonce-" + w;
                    writes.add(writers.submit(() -> {
                        together.await();
                        store.put(key, value);
                        return null;
                    }));
                }
                for (Future<?> f : writes) {
                    f.get(); // a failed write throws here
                }
                assertThat(a.get(key)).hasValueSatisfying(v -> assertThat(v).startsWith("nonce-"));
            }
        } finally {
            writers.shutdownNow();
        }
    }
}
