package dev.baton.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC database: a pooled {@link DataSource} migrated by Flyway on open. Works with H2 (the embedded default)
 * and PostgreSQL; the migrations use only SQL both understand.
 *
 * <p>Repositories take the {@link Connection} to use, so that one turn's writes (message, replies, inbound status)
 * commit together in {@link #inTransaction}.
 *
 * <p><b>Durability.</b> When {@link #inTransaction} or {@link #withConnection} returns after writing (through
 * {@link Sql#update} or {@link Sql#insert}), the write survives the process being killed ({@code kill -9}): a webhook
 * is acknowledged, and a reply marked SENT, only after that. PostgreSQL gives this by itself (the server holds the
 * commit, whatever happens to Baton). H2 on disk writes commits to its file up to 500 ms late ({@code WRITE_DELAY});
 * there {@link H2Durability} makes the call wait, unless the URL sets {@code WRITE_DELAY} itself, which leaves it to H2.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*WRITE_DELAY\\s*=\\s*(-?\\d{1,9})",
            Pattern.CASE_INSENSITIVE);

    private final HikariDataSource dataSource;
    /** Null when a commit survives a killed process by itself. */
    private final H2Durability durability;

    private Database(HikariDataSource dataSource, H2Durability durability) {
        this.dataSource = dataSource;
        this.durability = durability;
    }

    /** Opens a pool on {@code url} and applies pending migrations. */
    public static Database open(String url, String user, String password, int poolSize) {
        String jdbcUrl = tuned(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        if (user != null) {
            cfg.setUsername(user);
        }
        if (password != null) {
            cfg.setPassword(password);
        }
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("baton-db");
        cfg.setAutoCommit(true);
        int delay = writeDelay(url).orElse(0);
        if (url.startsWith("jdbc:h2:") && delay > 0) {
            log.warn("storage.url sets WRITE_DELAY={}: H2 writes a commit up to {} ms after it returns, so a process "
                    + "killed in that time loses it, acknowledged webhook deliveries included (docs/config.md)", delay,
                    delay);
        }
        HikariDataSource ds = new HikariDataSource(cfg);
        Database db;
        try {
            db = new Database(ds, writesCommits(url) ? H2Durability.open(jdbcUrl, user, password, isLocal(url)) : null);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            if (db.durability != null) {
                db.durability.recover(db);
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Whether an H2 URL names files on this machine rather than an H2 server. */
    private static boolean isLocal(String url) {
        String where = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        return !where.startsWith("tcp:") && !where.startsWith("ssl:");
    }

    /**
     * Whether Baton must wait for commits to reach the file: an H2 database on disk (not {@code mem:}, not a read-only
     * {@code zip:}) whose URL does not set {@code WRITE_DELAY}. An explicit {@code WRITE_DELAY} is the operator's
     * choice and is left to H2: {@code 0} writes every commit itself (slowly, see {@link AckJournal}), more accepts
     * losing that many milliseconds of acknowledged work to a crash ({@link #open} logs a warning).
     */
    static boolean writesCommits(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String where = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        if (where.startsWith("mem:") || where.startsWith("zip:")) {
            return false;
        }
        return writeDelay(url).isEmpty();
    }

    /** The {@code WRITE_DELAY} a URL sets, if any. */
    static OptionalInt writeDelay(String url) {
        Matcher m = WRITE_DELAY.matcher(url);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
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
        String upper = url.toUpperCase(Locale.ROOT);
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

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. When it wrote, the
     * commit survives the process being killed by the time this returns.
     */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        return call(work, true);
    }

    /**
     * Runs {@code work} with auto-commit (for reads and single statements). When it wrote, the writes survive the
     * process being killed by the time this returns.
     */
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        return call(work, false);
    }

    private <T> T call(SqlFunction<Connection, T> work, boolean transaction) {
        if (durability != null) {
            durability.beforeCall();
        }
        long writes = Sql.writesOnThisThread();
        List<AckJournal.Entry> outer = AckJournal.swapPending(new ArrayList<>());
        T result;
        List<AckJournal.Entry> acks;
        try (Connection c = dataSource.getConnection()) {
            result = transaction ? inOneTransaction(c, work) : work.apply(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            acks = AckJournal.swapPending(outer);
        }
        // the connection is back in the pool: waiting for the file holds none
        if (durability != null) {
            durability.afterCall(Sql.writesOnThisThread() - writes, acks);
        }
        return result;
    }

    private static <T> T inOneTransaction(Connection c, SqlFunction<Connection, T> work) throws SQLException {
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
    }

    /**
     * A new connection with the pool's URL and credentials that the pool does not manage, for a caller that keeps one
     * open for a long time (the cluster's LISTEN connection); the caller closes it.
     */
    public Connection connectOutsidePool() throws SQLException {
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword());
    }

    /** How this database makes writes survive a killed process on H2; null when it needs nothing (for tests). */
    H2Durability durability() {
        return durability;
    }

    /**
     * Whether the database answers a trivial query within two seconds (a readiness probe): false instead of an
     * exception when it does not.
     */
    public boolean reachable() {
        try {
            return withConnection(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.setQueryTimeout(2);
                    s.execute("SELECT 1");
                }
                return true;
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        if (durability != null) {
            durability.close();
        }
        dataSource.close();
    }

    /** A function over a JDBC resource that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlFunction<A, T> {
        T apply(A a) throws SQLException;
    }
}
