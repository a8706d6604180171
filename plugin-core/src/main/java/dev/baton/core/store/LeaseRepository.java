package dev.baton.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cluster_leases} table: named leases that Baton instances sharing one database take, renew and give back.
 * A lease is taken with one conditional statement that succeeds only when the name is free, its lease expired, or the
 * caller already holds it; PostgreSQL's row lock makes two concurrent takers of one name see each other (the second
 * re-reads the committed row and finds it held). Nothing here waits for a lease: a caller that does not get one goes
 * on with other work.
 */
public final class LeaseRepository {

    /** A lease as stored. */
    public record Lease(String name, String holder, Instant acquiredAt, Instant expiresAt) {
    }

    private final boolean postgres;

    /** @param postgres take leases with {@code INSERT … ON CONFLICT} (one statement); otherwise update, then insert */
    public LeaseRepository(boolean postgres) {
        this.postgres = postgres;
    }

    /**
     * Takes or renews {@code name} for {@code holder} until {@code until}, when it is free, expired at {@code now}, or
     * already {@code holder}'s. Run it with auto-commit ({@link Database#withConnection}): on H2 a lost race is a
     * failed insert.
     */
    public boolean tryAcquire(Connection c, String name, String holder, Instant now, Instant until)
            throws SQLException {
        if (postgres) {
            return Sql.one(c, "INSERT INTO cluster_leases (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, "
                    + "acquired_at = CASE WHEN cluster_leases.holder = EXCLUDED.holder THEN cluster_leases.acquired_at "
                    + "ELSE EXCLUDED.acquired_at END "
                    + "WHERE cluster_leases.holder = EXCLUDED.holder OR cluster_leases.expires_at < EXCLUDED.acquired_at "
                    + "RETURNING holder", rs -> rs.getString(1), name, holder, now, until).isPresent();
        }
        int updated = Sql.update(c, "UPDATE cluster_leases SET acquired_at = CASE WHEN holder = ? THEN acquired_at "
                + "ELSE ? END, holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at < ?)",
                holder, now, holder, until, name, holder, now);
        if (updated == 1) {
            return true;
        }
        try {
            Sql.update(c, "INSERT INTO cluster_leases (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)",
                    name, holder, now, until);
            return true;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Gives the lease back if {@code holder} still holds it; true when it did. */
    public boolean release(Connection c, String name, String holder) throws SQLException {
        return Sql.update(c, "DELETE FROM cluster_leases WHERE name = ? AND holder = ?", name, holder) == 1;
    }

    /** Extends every lease of {@code holder} to {@code until}; returns how many. */
    public int renewAll(Connection c, String holder, Instant until) throws SQLException {
        return Sql.update(c, "UPDATE cluster_leases SET expires_at = ? WHERE holder = ?", until, holder);
    }

    /** Gives back every lease of {@code holder} whose name starts with {@code prefix}; returns how many. */
    public int releaseAll(Connection c, String holder, String prefix) throws SQLException {
        return Sql.update(c, "DELETE FROM cluster_leases WHERE holder = ? AND name LIKE ?", holder,
                escapeLike(prefix) + "%");
    }

    public Optional<Lease> find(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT * FROM cluster_leases WHERE name = ?", LeaseRepository::map, name);
    }

    /** Leases whose name starts with {@code prefix}, by name (for operators and tests). */
    public List<Lease> list(Connection c, String prefix) throws SQLException {
        return Sql.list(c, "SELECT * FROM cluster_leases WHERE name LIKE ? ORDER BY name", LeaseRepository::map,
                escapeLike(prefix) + "%");
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Lease map(ResultSet rs) throws SQLException {
        return new Lease(rs.getString("name"), rs.getString("holder"), Sql.instant(rs, "acquired_at"),
                Sql.instant(rs, "expires_at"));
    }
}
