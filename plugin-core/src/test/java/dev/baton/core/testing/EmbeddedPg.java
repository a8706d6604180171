package dev.baton.core.testing;

import dev.baton.core.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL server for the tests of this JVM (started at the first use, stopped when the JVM ends), and
 * a fresh, migrated database on it for each test that asks: the cluster tests run several engines on one database,
 * as several Baton instances would.
 */
public final class EmbeddedPg {

    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPg() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM ends anyway
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of a new, empty database on the shared server. */
    public static String newDatabaseUrl() {
        String name = "cluster_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** Opens (and migrates) a pool on {@code url}, as one Baton instance does. */
    public static Database open(String url, int pool) {
        return Database.open(url, "postgres", "postgres", pool);
    }
}
