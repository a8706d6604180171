package dev.baton.core.testing;

import dev.baton.core.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;

/**
 * A real PostgreSQL for a test class (embedded, nothing to install) with Baton's {@link Database} opened on it, all
 * migrations applied: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public final class EmbeddedPostgresDatabase implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final Database db;

    private EmbeddedPostgresDatabase(EmbeddedPostgres pg, Database db) {
        this.pg = pg;
        this.db = db;
    }

    /** Starts PostgreSQL and opens the database with a pool of {@code poolSize} connections. */
    public static EmbeddedPostgresDatabase start(int poolSize) throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try {
            return new EmbeddedPostgresDatabase(pg,
                    Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", poolSize));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public Database db() {
        return db;
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } finally {
            pg.close();
        }
    }
}
