package dev.baton.inbox.analytics;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.store.Database;
import dev.baton.core.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rows the analytics are computed from, read with plain SQL that H2 and PostgreSQL run alike (no date functions:
 * days and weeks are cut in Java, in the report's zone). Every read is bounded by a time window; the customers'
 * messages are streamed, never held as a whole.
 */
final class Facts {

    /** A ticket (one handoff) with its conversation's channel. */
    record Ticket(long id, long conversationId, String channel, String group, String agent,
                  List<HandoffReason> reasons, Instant createdAt, Instant claimedAt, Instant firstHumanReplyAt,
                  Instant resolvedAt, String resolution) {

        /** Opened by an agent who took the conversation from the bot: it never waited. */
        boolean takeover() {
            return !reasons.isEmpty() && reasons.get(0) == HandoffReason.AGENT_TAKEOVER;
        }

        /** Solved by a person: resolved (not returned to the bot unsolved) after a human reply. */
        boolean resolvedByPerson() {
            return resolvedAt != null && "resolved".equals(resolution) && firstHumanReplyAt != null;
        }

        /** Open at some moment of [from, to). */
        boolean openDuring(Instant from, Instant to) {
            return createdAt.isBefore(to) && (resolvedAt == null || resolvedAt.isAfter(from));
        }

        String mainReason() {
            return reasons.isEmpty() ? "unknown" : reasons.get(0).code();
        }
    }

    /** A CSAT rating with the ticket it rates (null fields when it rates none). */
    record Rating(long id, Long ticketId, String channel, int score, Instant createdAt, String group, String agent,
                  String reason) {
    }

    /** A customer's message (ratings left out), as the conversation and when. */
    record CustomerMessage(long conversationId, String channel, Instant at) {
    }

    private final Database db;

    Facts(Database db) {
        this.db = db;
    }

    /** Tickets open at some moment of [from, to). */
    List<Ticket> tickets(Instant from, Instant to) {
        return db.withConnection(c -> Sql.list(c, "SELECT t.id, t.conversation_id, c.channel, t.group_name, t.assignee, "
                + "t.reasons, t.created_at, t.claimed_at, t.first_human_reply_at, t.resolved_at, t.resolution "
                + "FROM handoff_tickets t JOIN conversations c ON c.id = t.conversation_id "
                + "WHERE t.created_at < ? AND (t.resolved_at IS NULL OR t.resolved_at >= ?) ORDER BY t.id",
                rs -> new Ticket(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        reasons(rs.getString(6)), Sql.instant(rs, "created_at"), Sql.instant(rs, "claimed_at"),
                        Sql.instant(rs, "first_human_reply_at"), Sql.instant(rs, "resolved_at"), rs.getString(11)),
                to, from));
    }

    /** Ratings given in [from, to), with the group, agent and main reason of the ticket rated. */
    List<Rating> ratings(Instant from, Instant to) {
        return db.withConnection(c -> Sql.list(c, "SELECT r.id, r.ticket_id, r.channel, r.score, r.created_at, "
                + "t.group_name, t.assignee, t.reasons FROM csat_ratings r "
                + "LEFT JOIN handoff_tickets t ON t.id = r.ticket_id WHERE r.created_at >= ? AND r.created_at < ? "
                + "ORDER BY r.id", rs -> {
                    List<HandoffReason> reasons = reasons(rs.getString(8));
                    return new Rating(rs.getLong(1), Sql.nullableLong(rs, "ticket_id"), rs.getString(3), rs.getInt(4),
                            Sql.instant(rs, "created_at"), rs.getString(6), rs.getString(7),
                            rs.getString(8) == null ? null : reasons.isEmpty() ? "unknown" : reasons.get(0).code());
                }, from, to));
    }

    /** The tickets rated at least once since {@code from}. */
    Set<Long> ratedTickets(Instant from) {
        return new HashSet<>(db.withConnection(c -> Sql.list(c, "SELECT DISTINCT ticket_id FROM csat_ratings "
                + "WHERE ticket_id IS NOT NULL AND created_at >= ?", rs -> rs.getLong(1), from)));
    }

    /**
     * The customers' messages of [from, to), by conversation then time, handed one by one to {@code sink} (a rating
     * is not a message for this: it answers the survey, it does not come back with a question).
     */
    void customerMessages(Instant from, Instant to, Consumer<CustomerMessage> sink) {
        db.withConnection(c -> {
            stream(c, from, to, sink);
            return null;
        });
    }

    private static void stream(Connection c, Instant from, Instant to, Consumer<CustomerMessage> sink)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT m.conversation_id, c.channel, m.created_at "
                + "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                + "WHERE m.author = 'CUSTOMER' AND m.created_at >= ? AND m.created_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM csat_ratings r WHERE r.inbound_id = m.inbound_id) "
                + "ORDER BY m.conversation_id, m.created_at, m.id")) {
            ps.setFetchSize(1000);
            ps.setObject(1, from.atOffset(ZoneOffset.UTC));
            ps.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new CustomerMessage(rs.getLong(1), rs.getString(2), Sql.instant(rs, "created_at")));
                }
            }
        }
    }

    /** Every channel a conversation was ever on (a handful of keys). */
    List<String> channels() {
        return db.withConnection(c -> Sql.list(c, "SELECT DISTINCT channel FROM conversations", rs -> rs.getString(1)));
    }

    /** Knowledge drafts approved in [from, to) (their approval is a {@code draft-approved/} key). */
    long draftsApproved(Instant from, Instant to) {
        return db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM kv_state WHERE k LIKE 'draft-approved/%' "
                + "AND updated_at >= ? AND updated_at < ?", from, to));
    }

    private static List<HandoffReason> reasons(String stored) {
        List<HandoffReason> out = new ArrayList<>();
        if (stored != null) {
            for (String code : stored.split(",")) {
                HandoffReason.fromCode(code.strip()).ifPresent(out::add);
            }
        }
        return out;
    }
}
