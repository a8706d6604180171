package dev.baton.core.store;

import dev.baton.core.channel.Channel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Customers' satisfaction ratings (CSAT), one per rating message, each tied to the episode with a person it rates: the
 * conversation's last resolved ticket when it arrived. Written by the turn that processes the rating, so a rating a
 * channel delivers twice is stored once (the inbound log refuses the copy; {@code inbound_id} is unique as well).
 */
public final class RatingRepository {

    /** The longest comment kept; a longer one is cut. */
    public static final int MAX_COMMENT = 2048;

    /**
     * One rating.
     *
     * @param ticketId the resolved ticket it rates, or null when the conversation never had one
     * @param comment  the customer's words, or null
     */
    public record Row(long id, long conversationId, Long ticketId, long inboundId, Channel channel, int score,
                      String comment, Instant createdAt) {
    }

    public void record(Connection c, long conversationId, long inboundId, Channel channel, int score, String comment,
                       Instant at) throws SQLException {
        String kept = comment == null || comment.isBlank() ? null
                : comment.strip().substring(0, Math.min(comment.strip().length(), MAX_COMMENT));
        Sql.update(c, "INSERT INTO csat_ratings (conversation_id, ticket_id, inbound_id, channel, score, comment_text, "
                        + "created_at) VALUES (?, (SELECT MAX(id) FROM handoff_tickets WHERE conversation_id = ? "
                        + "AND status = ?), ?, ?, ?, ?, ?)",
                conversationId, conversationId, TicketRepository.Status.RESOLVED, inboundId, channel.key(), score, kept,
                at);
    }

    /** A conversation's ratings, oldest first. */
    public List<Row> forConversation(Connection c, long conversationId) throws SQLException {
        return Sql.list(c, "SELECT * FROM csat_ratings WHERE conversation_id = ? ORDER BY id", RatingRepository::map,
                conversationId);
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("conversation_id"), Sql.nullableLong(rs, "ticket_id"),
                rs.getLong("inbound_id"), Channel.parse(rs.getString("channel")), rs.getInt("score"),
                rs.getString("comment_text"), Sql.instant(rs, "created_at"));
    }
}
