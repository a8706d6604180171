package dev.baton.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Callbacks (留言 / 回电): what a customer left to be contacted, with the time Baton promised. A row is COLLECTING while
 * the bot gathers the contact details from the customer's plain messages, OPEN once it has them (then it is in the
 * inbox's Callbacks view), DONE when an agent called back (who, when, with what outcome), DROPPED when the customer
 * never gave a contact. Every change is a conditional update on the status, so two agents closing the same callback
 * cannot both succeed. Stateless.
 */
public final class CallbackRepository {

    /** The longest question kept; a longer one is cut. */
    public static final int MAX_QUESTION = 4000;

    /** Where a callback is in its life. */
    public enum Status { COLLECTING, OPEN, DONE, DROPPED }

    /** How the customer came to leave it. */
    public enum Origin {
        /** a form (the web chat's leave-a-message form, or any channel's {@code CallbackRequest}) */
        FORM,
        /** asked by the bot after nobody claimed the ticket within {@code inbox.queue-timeout} */
        QUEUE_TIMEOUT,
        /** asked by the bot at a handoff while the group was closed */
        OFF_HOURS;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the call back went. */
    public enum Outcome {
        /** the agent reached the customer */
        REACHED,
        /** the agent tried and could not reach them (no answer, wrong number) */
        UNREACHABLE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Outcome> of(String code) {
            for (Outcome o : values()) {
                if (o.code().equals(code)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One callback.
     *
     * @param asked       customer messages the bot read without finding a contact (while COLLECTING)
     * @param requestedAt when the contact details were complete (it became OPEN)
     * @param promisedAt  when Baton told the customer they would hear back by
     */
    public record Row(long id, long conversationId, Status status, Origin origin, String group, String customerName,
                      String contact, String question, String language, int asked, Instant createdAt,
                      Instant requestedAt, Instant promisedAt, Instant closedAt, String closedBy, Outcome outcome,
                      String outcomeNote) {
    }

    /** Starts collecting for a conversation; returns the new row's id. */
    public long startCollecting(Connection c, long conversationId, Origin origin, String group, String customerName,
                                String language, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO callbacks (conversation_id, status, origin, group_name, customer_name, "
                        + "language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", conversationId, Status.COLLECTING,
                origin, group, customerName, language, now);
    }

    /** A complete callback (a form): OPEN at once; returns its id. */
    public long insertOpen(Connection c, long conversationId, Origin origin, String group, String customerName,
                           String contact, String question, String language, Instant promisedAt, Instant now)
            throws SQLException {
        return Sql.insert(c, "INSERT INTO callbacks (conversation_id, status, origin, group_name, customer_name, "
                        + "contact, question, language, created_at, requested_at, promised_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conversationId, Status.OPEN, origin, group,
                customerName, contact, cut(question), language, now, now, promisedAt);
    }

    /** The conversation's callback being collected, if any. */
    public Optional<Row> collecting(Connection c, long conversationId) throws SQLException {
        return Sql.one(c, "SELECT * FROM callbacks WHERE conversation_id = ? AND status = ? ORDER BY id DESC LIMIT 1",
                CallbackRepository::map, conversationId, Status.COLLECTING);
    }

    /** One more customer message without a contact; the question so far. */
    public void collected(Connection c, long id, String question) throws SQLException {
        Sql.update(c, "UPDATE callbacks SET asked = asked + 1, question = ? WHERE id = ? AND status = ?",
                cut(question), id, Status.COLLECTING);
    }

    /** The contact arrived: OPEN, with the promise. False when it was no longer being collected. */
    public boolean complete(Connection c, long id, String contact, String question, Instant promisedAt, Instant now)
            throws SQLException {
        return Sql.update(c, "UPDATE callbacks SET status = ?, contact = ?, question = ?, requested_at = ?, "
                        + "promised_at = ? WHERE id = ? AND status = ?", Status.OPEN, contact, cut(question), now,
                promisedAt, id, Status.COLLECTING) == 1;
    }

    /** The customer never gave a contact (or declined): DROPPED. */
    public void drop(Connection c, long id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE callbacks SET status = ?, closed_at = ? WHERE id = ? AND status = ?", Status.DROPPED,
                now, id, Status.COLLECTING);
    }

    /** An agent called back: DONE with who, when and how it went. False when it was not OPEN (already closed). */
    public boolean close(Connection c, long id, String agent, Outcome outcome, String note, Instant now)
            throws SQLException {
        return Sql.update(c, "UPDATE callbacks SET status = ?, closed_at = ?, closed_by = ?, outcome = ?, "
                + "outcome_note = ? WHERE id = ? AND status = ?", Status.DONE, now, agent, outcome, note, id,
                Status.OPEN) == 1;
    }

    public Optional<Row> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM callbacks WHERE id = ?", CallbackRepository::map, id);
    }

    /** Callbacks in {@code status}, the earliest promise first (then the oldest). */
    public List<Row> withStatus(Connection c, Status status, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM callbacks WHERE status = ? ORDER BY promised_at, id LIMIT " + limit,
                CallbackRepository::map, status);
    }

    /** Callbacks closed since {@code from}, the latest first. */
    public List<Row> closedSince(Connection c, Instant from, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM callbacks WHERE status = ? AND closed_at >= ? ORDER BY closed_at DESC, id "
                + "DESC LIMIT " + limit, CallbackRepository::map, Status.DONE, from);
    }

    /** A conversation's callbacks that reached the inbox (OPEN or DONE), oldest first. */
    public List<Row> forConversation(Connection c, long conversationId) throws SQLException {
        return Sql.list(c, "SELECT * FROM callbacks WHERE conversation_id = ? AND status IN (?, ?) ORDER BY id",
                CallbackRepository::map, conversationId, Status.OPEN, Status.DONE);
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_QUESTION ? s : s.substring(0, MAX_QUESTION);
    }

    private static Row map(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Row(rs.getLong("id"), rs.getLong("conversation_id"), Status.valueOf(rs.getString("status")),
                Origin.valueOf(rs.getString("origin")), rs.getString("group_name"), rs.getString("customer_name"),
                rs.getString("contact"), rs.getString("question"), rs.getString("language"), rs.getInt("asked"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "requested_at"), Sql.instant(rs, "promised_at"),
                Sql.instant(rs, "closed_at"), rs.getString("closed_by"),
                outcome == null ? null : Outcome.valueOf(outcome), rs.getString("outcome_note"));
    }
}
