package dev.baton.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Handoff tickets: one per episode with a human. The full ticket is stored as JSON next to the columns that
 * queue ordering and analytics need.
 */
public final class TicketRepository {

    /** Where a ticket is in its life. */
    public enum Status { OPEN, ASSIGNED, RESOLVED }

    /**
     * One stored ticket.
     *
     * @param reasons    reason codes, comma-separated, main reason first
     * @param ticketJson the full {@link dev.baton.core.conversation.HandoffTicket} as JSON
     * @param resolution how it ended: resolved, returned (to the bot), timeout
     */
    public record Row(long id, long conversationId, Status status, String reasons, int priority, String group,
                      String assignee, String summary, String ticketJson, Instant createdAt, Instant claimedAt,
                      Instant firstHumanReplyAt, Instant resolvedAt, String resolution, String resolutionNote) {
    }

    public long insert(Connection c, long conversationId, String reasons, int priority, String group, String summary,
                       String ticketJson, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO handoff_tickets (conversation_id, status, reasons, priority, group_name, "
                        + "summary, ticket, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                conversationId, Status.OPEN, reasons, priority, group, summary, ticketJson, now);
    }

    public void updateTicketJson(Connection c, long id, String ticketJson) throws SQLException {
        Sql.update(c, "UPDATE handoff_tickets SET ticket = ? WHERE id = ?", ticketJson, id);
    }

    public void updateSummary(Connection c, long id, String summary, String ticketJson) throws SQLException {
        Sql.update(c, "UPDATE handoff_tickets SET summary = ?, ticket = ? WHERE id = ?", summary, ticketJson, id);
    }

    public Optional<Row> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM handoff_tickets WHERE id = ?", TicketRepository::map, id);
    }

    /** The conversation's ticket that is not resolved yet, if any. */
    public Optional<Row> activeFor(Connection c, long conversationId) throws SQLException {
        return Sql.one(c, "SELECT * FROM handoff_tickets WHERE conversation_id = ? AND status <> ? "
                + "ORDER BY id DESC LIMIT 1", TicketRepository::map, conversationId, Status.RESOLVED);
    }

    /** Open and assigned tickets: highest priority first, then oldest (the queue order). */
    public List<Row> active(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM handoff_tickets WHERE status <> ? ORDER BY priority DESC, created_at, id",
                TicketRepository::map, Status.RESOLVED);
    }

    public List<Row> since(Connection c, Instant from) throws SQLException {
        return Sql.list(c, "SELECT * FROM handoff_tickets WHERE created_at >= ? ORDER BY id",
                TicketRepository::map, from);
    }

    /** 1-based position of an open ticket in the queue (priority first, then age); 0 if not queued. */
    public int queuePosition(Connection c, long ticketId) throws SQLException {
        Optional<Row> t = byId(c, ticketId);
        if (t.isEmpty() || t.get().status() != Status.OPEN) {
            return 0;
        }
        Row r = t.get();
        long ahead = Sql.count(c, "SELECT COUNT(*) FROM handoff_tickets WHERE status = ? AND id <> ? AND "
                        + "(priority > ? OR (priority = ? AND (created_at < ? OR (created_at = ? AND id < ?))))",
                Status.OPEN, r.id(), r.priority(), r.priority(), r.createdAt(), r.createdAt(), r.id());
        return (int) ahead + 1;
    }

    public boolean assign(Connection c, long id, String assignee, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE handoff_tickets SET status = ?, assignee = ?, "
                + "claimed_at = COALESCE(claimed_at, ?) WHERE id = ? AND status <> ?", Status.ASSIGNED, assignee, now,
                id, Status.RESOLVED) == 1;
    }

    /** Moves an open or assigned ticket to another group; it goes back to the queue. */
    public boolean transferToGroup(Connection c, long id, String group) throws SQLException {
        return Sql.update(c, "UPDATE handoff_tickets SET status = ?, assignee = NULL, group_name = ? "
                + "WHERE id = ? AND status <> ?", Status.OPEN, group, id, Status.RESOLVED) == 1;
    }

    public void recordHumanReply(Connection c, long id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE handoff_tickets SET first_human_reply_at = COALESCE(first_human_reply_at, ?) "
                + "WHERE id = ?", now, id);
    }

    public boolean resolve(Connection c, long id, String resolution, String note, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE handoff_tickets SET status = ?, resolved_at = ?, resolution = ?, "
                        + "resolution_note = ? WHERE id = ? AND status <> ?", Status.RESOLVED, now, resolution, note, id,
                Status.RESOLVED) == 1;
    }

    private static TicketRepository.Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("conversation_id"), Status.valueOf(rs.getString("status")),
                rs.getString("reasons"), rs.getInt("priority"), rs.getString("group_name"), rs.getString("assignee"),
                rs.getString("summary"), rs.getString("ticket"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "claimed_at"), Sql.instant(rs, "first_human_reply_at"),
                Sql.instant(rs, "resolved_at"), rs.getString("resolution"), rs.getString("resolution_note"));
    }
}
