package dev.baton.core.store;

import dev.baton.core.channel.Channel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The inbound log: every platform message is stored here before the platform is acked, unique on
 * (channel, platform message id). It is both the dedup table and the work queue that survives a crash. On H2 the
 * {@link Database} call that inserts a row returns once the row is also in the {@link AckJournal}, since H2 writes its
 * own file later.
 */
public final class InboundLog {

    /** Processing state of an inbound row. */
    public enum Status { PENDING, DONE, FAILED }

    /** One stored inbound message. {@code payload} is the normalised message as JSON. */
    public record Row(long id, Channel channel, String platformMessageId, String customerId, String payload,
                      Status status, int attempts, Instant receivedAt, Instant processedAt) {
    }

    /** Result of {@link #insert}: the row id and whether it already existed. */
    public record Insert(long id, boolean duplicate) {
    }

    private static final String INSERT = "INSERT INTO inbound_log (channel, platform_message_id, customer_id, payload, "
            + "status, received_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final boolean postgres;

    /**
     * @param postgres PostgreSQL aborts the whole transaction on a failed statement, so a duplicate is skipped with
     *                 {@code ON CONFLICT DO NOTHING} there; H2 (which has no such clause outside its PostgreSQL
     *                 mode) fails just the statement, with a unique violation
     */
    public InboundLog(boolean postgres) {
        this.postgres = postgres;
    }

    /**
     * Stores the message unless its (channel, platform id) is already there. One statement for a new message (the
     * common case: the ack path's main cost was a look-up before the insert); a duplicate costs a second one.
     */
    public Insert insert(Connection c, Channel channel, String platformMessageId, String customerId, String payload,
                         Instant now) throws SQLException {
        // the caller acknowledges the row once this returns, new or duplicate: on H2 the database call then waits for
        // it to be safe from a crash (AckJournal)
        AckJournal.acknowledge(new AckJournal.Entry(channel, platformMessageId, customerId, payload, now));
        Object[] row = {channel.key(), platformMessageId, customerId, payload, Status.PENDING, now};
        if (postgres) {
            Optional<Long> id = Sql.one(c, INSERT + " ON CONFLICT (channel, platform_message_id) DO NOTHING "
                    + "RETURNING id", rs -> rs.getLong(1), row);
            if (id.isPresent()) {
                return new Insert(id.get(), false);
            }
        } else {
            try {
                return new Insert(Sql.insert(c, INSERT, row), false);
            } catch (SQLException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        long existing = idOf(c, channel, platformMessageId).orElseThrow(() -> new SQLException(
                "inbound " + channel.key() + "/" + platformMessageId + " neither inserted nor found"));
        return new Insert(existing, true);
    }

    public Optional<Row> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM inbound_log WHERE id = ?", InboundLog::map, id);
    }

    /** Rows not yet processed, oldest first: resumed at start-up. */
    public List<Row> pending(Connection c, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM inbound_log WHERE status = ? ORDER BY id LIMIT ?", InboundLog::map,
                Status.PENDING, limit);
    }

    /**
     * Marks a PENDING row DONE; false when it is not PENDING (any more). The turn that stores a message's replies
     * commits this in its transaction and rolls back on false, so that a message is answered once even if two
     * instances ever processed it at the same time: PostgreSQL makes the second wait for the first's row lock, then
     * finds the row DONE.
     */
    public boolean markDone(Connection c, long id, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE inbound_log SET status = ?, processed_at = ? WHERE id = ? AND status = ?",
                Status.DONE, now, id, Status.PENDING) == 1;
    }

    /**
     * The PENDING rows of one conversation's lane (channel and customer) up to {@code maxId}, oldest first: what an
     * instance that holds the lane processes before that message.
     */
    public List<Row> pendingOfLane(Connection c, Channel channel, String customerId, long maxId, int limit)
            throws SQLException {
        return Sql.list(c, "SELECT * FROM inbound_log WHERE channel = ? AND customer_id = ? AND id <= ? AND status = ? "
                + "ORDER BY id LIMIT ?", InboundLog::map, channel.key(), customerId, maxId, Status.PENDING, limit);
    }

    /** The oldest PENDING row of the lane after {@code afterId}: stored elsewhere while this instance held the lane. */
    public Optional<Row> nextPendingOfLane(Connection c, Channel channel, String customerId, long afterId)
            throws SQLException {
        return Sql.one(c, "SELECT * FROM inbound_log WHERE channel = ? AND customer_id = ? AND id > ? AND status = ? "
                + "ORDER BY id LIMIT 1", InboundLog::map, channel.key(), customerId, afterId, Status.PENDING);
    }

    /** PENDING rows received before {@code before}, oldest first: work that no instance finished in time. */
    public List<Row> pendingBefore(Connection c, Instant before, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM inbound_log WHERE status = ? AND received_at < ? ORDER BY id LIMIT ?",
                InboundLog::map, Status.PENDING, before, limit);
    }

    /** A passive caller on some instance will deliver this message's replies itself until {@code until}. */
    public void hold(Connection c, long id, Instant until) throws SQLException {
        Sql.update(c, "UPDATE inbound_log SET held_until = ? WHERE id = ?", until, id);
    }

    /** The passive caller took what it wanted: the outbox of any instance may deliver the rest. */
    public void unhold(Connection c, long id) throws SQLException {
        Sql.update(c, "UPDATE inbound_log SET held_until = NULL WHERE id = ? AND held_until IS NOT NULL", id);
    }

    /** Records a failed attempt; after {@code maxAttempts} the row is FAILED and no longer resumed. */
    public void markAttemptFailed(Connection c, long id, String error, int maxAttempts, Instant now)
            throws SQLException {
        Sql.update(c, "UPDATE inbound_log SET attempts = attempts + 1, last_error = ?, "
                        + "status = CASE WHEN attempts + 1 >= ? THEN 'FAILED' ELSE status END, processed_at = ? "
                        + "WHERE id = ?", truncate(error), maxAttempts, now, id);
    }

    /**
     * Deletes up to {@code batch} DONE rows processed before {@code cutoff}, oldest first, and returns how many. A
     * processed message lives on in the transcript; its inbound row is only the duplicate guard, needed while a
     * platform may still re-deliver it. PENDING and FAILED rows are never deleted.
     */
    public int purgeDone(Connection c, Instant cutoff, int batch) throws SQLException {
        return Sql.update(c, "DELETE FROM inbound_log WHERE id IN (SELECT id FROM inbound_log WHERE status = ? "
                + "AND processed_at < ? ORDER BY id LIMIT ?)", Status.DONE, cutoff, batch);
    }

    public long countByStatus(Connection c, Status status) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM inbound_log WHERE status = ?", status);
    }

    private Optional<Long> idOf(Connection c, Channel channel, String platformMessageId) throws SQLException {
        return Sql.one(c, "SELECT id FROM inbound_log WHERE channel = ? AND platform_message_id = ?",
                rs -> rs.getLong(1), channel.key(), platformMessageId);
    }

    static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), Channel.of(rs.getString("channel")),
                rs.getString("platform_message_id"), rs.getString("customer_id"), rs.getString("payload"),
                Status.valueOf(rs.getString("status")), rs.getInt("attempts"), Sql.instant(rs, "received_at"),
                Sql.instant(rs, "processed_at"));
    }
}
