package dev.baton.core.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

/** The repository contract on a real PostgreSQL (embedded, nothing to install). */
class PostgresStoreTest extends StoreContract {

    private static EmbeddedPostgres pg;
    private static Database db;

    @BeforeAll
    static void open() throws IOException {
        pg = EmbeddedPostgres.builder().start();
        db = Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 4);
    }

    @AfterAll
    static void close() throws IOException {
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected Database db() {
        return db;
    }
}
