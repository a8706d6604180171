package dev.baton.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC database: a pooled {@link DataSource} migrated by Flyway on open. Works with H2 (the embedded default)
 * and PostgreSQL; the migrations use only SQL both understand.
 *
 * <p>Repositories take the {@link Connection} to use, so that one turn's writes (message, replies, inbound status)
 * commit together in {@link #inTransaction}.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens a pool on {@code url} and applies pending migrations. */
    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(tuned(url));
        if (user != null) {
            cfg.setUsername(user);
        }
        if (password != null) {
            cfg.setPassword(password);
        }
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("baton-db");
        cfg.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    /**
     * H2 re-parses any statement that is not among the last 8 of its session; one conversation turn runs about 20
     * distinct statements, so with the default every turn re-parsed most of them (a fifth of a turn's CPU). A larger
     * per-session cache, unless the URL sets its own. And a 64 MB page cache instead of H2's 16 MB, unless the URL
     * sets its own: the inbound log's unique index takes random message ids, and once the table outgrew the cache a
     * tenth of the webhook ack path was spent reading index pages back from the file.
     */
    static String tuned(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String tuned = url;
        if (!upper.contains("QUERY_CACHE_SIZE")) {
            tuned += ";QUERY_CACHE_SIZE=128";
        }
        if (!upper.replace("QUERY_CACHE_SIZE", "").contains("CACHE_SIZE")) {
            tuned += ";CACHE_SIZE=65536";
        }
        return tuned;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@code work} with auto-commit (for reads and single statements). */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A function over a JDBC resource that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlFunction<A, T> {
        T apply(A a) throws SQLException;
    }
}
