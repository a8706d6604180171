package dev.baton.core.store;

import dev.baton.core.testing.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

/** The repository contract on a real PostgreSQL (embedded, nothing to install). */
class PostgresStoreTest extends StoreContract {

    private static EmbeddedPostgresDatabase pg;

    @BeforeAll
    static void open() throws IOException {
        pg = EmbeddedPostgresDatabase.start(4);
    }

    @AfterAll
    static void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected Database db() {
        return pg.db();
    }
}
