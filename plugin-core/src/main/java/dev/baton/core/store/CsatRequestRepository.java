package dev.baton.core.store;

import dev.baton.core.channel.Channel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The satisfaction requests Baton sent ({@code csat_requests}): one per ticket at most, so an episode with a person is
 * asked about once. A request is PENDING until the customer's next message answers it (ANSWERED, with the rating in
 * {@link RatingRepository}) or moves on to something else (LAPSED); after {@code expiresAt} it no longer turns a
 * message into a rating, whatever its status. Every state change is a conditional update, so two messages racing for
 * one request record one rating.
 */
public final class CsatRequestRepository {

    /** Where a request is in its life. */
    public enum Status { PENDING, ANSWERED, LAPSED }

    /**
     * One request.
     *
     * @param ticketId  the episode with a person the customer is asked to rate
     * @param askedAt   when it was put in the outbox
     * @param expiresAt after this, a message is no longer read as its answer
     * @param closedAt  when it was answered or lapsed, else null
     */
    public record Row(long id, long conversationId, long ticketId, Channel channel, Status status, Instant askedAt,
                      Instant expiresAt, Instant closedAt) {

        /** True while a message may still answer it. */
        public boolean openAt(Instant now) {
            return status == Status.PENDING && now.isBefore(expiresAt);
        }
    }

    /**
     * Stores a new PENDING request; empty when this ticket was asked about already (the unique ticket id refuses a
     * second one).
     */
    public Optional<Long> insert(Connection c, long conversationId, long ticketId, Channel channel, Instant askedAt,
                                 Instant expiresAt) throws SQLException {
        if (forTicket(c, ticketId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Sql.insert(c, "INSERT INTO csat_requests (conversation_id, ticket_id, channel, status, "
                        + "asked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", conversationId, ticketId, channel.key(),
                Status.PENDING, askedAt, expiresAt));
    }

    public Optional<Row> forTicket(Connection c, long ticketId) throws SQLException {
        return Sql.one(c, "SELECT * FROM csat_requests WHERE ticket_id = ?", CsatRequestRepository::map, ticketId);
    }

    /** The conversation's latest request still PENDING (it may have expired: see {@link Row#openAt}). */
    public Optional<Row> pending(Connection c, long conversationId) throws SQLException {
        return Sql.one(c, "SELECT * FROM csat_requests WHERE conversation_id = ? AND status = ? ORDER BY id DESC "
                + "LIMIT 1", CsatRequestRepository::map, conversationId, Status.PENDING);
    }

    /** Marks a PENDING request answered; false when it was not PENDING any more (answered or lapsed meanwhile). */
    public boolean answer(Connection c, long id, Instant now) throws SQLException {
        return close(c, id, Status.ANSWERED, now);
    }

    /** The customer moved on: a PENDING request lapses; false when it was not PENDING. */
    public boolean lapse(Connection c, long id, Instant now) throws SQLException {
        return close(c, id, Status.LAPSED, now);
    }

    /** A conversation's requests, oldest first. */
    public List<Row> forConversation(Connection c, long conversationId) throws SQLException {
        return Sql.list(c, "SELECT * FROM csat_requests WHERE conversation_id = ? ORDER BY id",
                CsatRequestRepository::map, conversationId);
    }

    private static boolean close(Connection c, long id, Status to, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE csat_requests SET status = ?, closed_at = ? WHERE id = ? AND status = ?", to, now,
                id, Status.PENDING) == 1;
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("ticket_id"),
                Channel.parse(rs.getString("channel")), Status.valueOf(rs.getString("status")),
                Sql.instant(rs, "asked_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "closed_at"));
    }
}
