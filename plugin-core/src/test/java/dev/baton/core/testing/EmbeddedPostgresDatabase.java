package dev.baton.core.testing;

import dev.baton.core.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;

/**
 * A real PostgreSQL for a test class (embedded, nothing to install) with Baton's {@link Database} opened on it, all
 * migrations applied: start it in {@code @BeforeAll}, close it in {@code @AfterAll}. {@link #openInstance} opens
 * further pools on the same database, as further Baton instances sharing it would (the cluster tests).
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

    /**
     * Another pool of {@code poolSize} connections on the same database, as a second Baton instance opens it (the
     * migrations are already applied); the caller closes it before this fixture.
     */
    public Database openInstance(int poolSize) {
        return Database.open(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", poolSize);
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
