package dev.baton.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first-response SLA columns of {@code handoff_tickets}: which claimed tickets still wait for a human's first
 * reply, and the breach itself, a conditional update that agrees with the reply: it only happens while the ticket is
 * still held by the same claim and nobody replied, so a reply committed first means no breach, and a breach never
 * happens twice for one claim. Stateless; the ticket's other columns are {@link TicketRepository}'s.
 */
public final class SlaRepository {

    /**
     * A claimed ticket without a human reply yet.
     *
     * @param assignedAt when its current holder got it (the SLA window starts there)
     */
    public record Waiting(long ticketId, long conversationId, String group, String assignee, Instant assignedAt,
                          int breaches) {
    }

    /** How often a ticket breached its first-response time, the last time and whose claim it was. */
    public record Breaches(int count, Instant lastAt, String lastAgent) {
    }

    /** Assigned tickets nobody has replied to yet, oldest claim first. */
    public List<Waiting> waitingForFirstReply(Connection c) throws SQLException {
        return Sql.list(c, "SELECT id, conversation_id, group_name, assignee, assigned_at, sla_breaches "
                        + "FROM handoff_tickets WHERE status = ? AND first_human_reply_at IS NULL "
                        + "AND assigned_at IS NOT NULL ORDER BY assigned_at, id",
                rs -> new Waiting(rs.getLong("id"), rs.getLong("conversation_id"), rs.getString("group_name"),
                        rs.getString("assignee"), Sql.instant(rs, "assigned_at"), rs.getInt("sla_breaches")),
                TicketRepository.Status.ASSIGNED);
    }

    /**
     * Sends the ticket back to the queue for a breach, only if it is still exactly as {@code seen} (same holder, same
     * claim, no reply). Its priority and creation time are kept, so it keeps its place in the queue. Returns false
     * when something changed meanwhile (a reply, a transfer, a resolve): then nothing was written.
     */
    public boolean breach(Connection c, Waiting seen, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE handoff_tickets SET status = ?, assignee = NULL, assigned_at = NULL, "
                        + "sla_breaches = sla_breaches + 1, sla_breached_at = ?, sla_breached_by = ? "
                        + "WHERE id = ? AND status = ? AND assignee = ? AND assigned_at = ? "
                        + "AND first_human_reply_at IS NULL",
                TicketRepository.Status.OPEN, now, seen.assignee(), seen.ticketId(), TicketRepository.Status.ASSIGNED,
                seen.assignee(), seen.assignedAt()) == 1;
    }

    /** The breaches of the tickets that are not resolved, by ticket id (tickets that never breached are left out). */
    public Map<Long, Breaches> activeBreaches(Connection c) throws SQLException {
        Map<Long, Breaches> out = new HashMap<>();
        Sql.list(c, "SELECT id, sla_breaches, sla_breached_at, sla_breached_by FROM handoff_tickets "
                + "WHERE status <> ? AND sla_breaches > 0", rs -> {
                    out.put(rs.getLong("id"), new Breaches(rs.getInt("sla_breaches"), Sql.instant(rs,
                            "sla_breached_at"), rs.getString("sla_breached_by")));
                    return null;
                }, TicketRepository.Status.RESOLVED);
        return out;
    }

    /** One ticket's breaches (none: count 0). */
    public Breaches of(Connection c, long ticketId) throws SQLException {
        return Sql.one(c, "SELECT sla_breaches, sla_breached_at, sla_breached_by FROM handoff_tickets WHERE id = ?",
                rs -> new Breaches(rs.getInt("sla_breaches"), Sql.instant(rs, "sla_breached_at"),
                        rs.getString("sla_breached_by")), ticketId).orElse(new Breaches(0, null, null));
    }
}
