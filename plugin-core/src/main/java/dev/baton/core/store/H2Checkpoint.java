package dev.baton.core.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes an H2 database's committed changes to its file: H2's {@code CHECKPOINT}, which in H2 2.x stores the
 * in-memory changes as one new chunk and returns when it is written (H2's {@code Store.flush}, i.e.
 * {@code MVStore.commit}). The data is handed to the operating system, not forced to the disk: it survives the
 * process being killed, not a power cut (see docs/config.md).
 *
 * <p>Runs on a connection of its own, outside the pool, so that waiting for the file never competes with requests for
 * a pooled connection. {@code CHECKPOINT} needs the database's admin user, which the user that created an embedded
 * database is. Thread-safe: one statement at a time on its connection.
 */
final class H2Checkpoint implements GroupCommit.Flush, AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    H2Checkpoint(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public synchronized void run() throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Where H2 keeps the database, without the file suffix ({@code DATABASE_PATH()}); null if it is not on disk. */
    synchronized String databasePath() throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway: the database is going away or the connection is broken
            }
            connection = null;
        }
    }
}
