package dev.baton.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handoff tickets: one per episode with a human. The columns are the ticket's one source of truth (status, reasons,
 * priority, group, assignee, summary, times); the JSON column holds only the {@link HandoffContext}, the snapshot taken
 * at the handoff, which nothing changes afterwards. A ticket is written once when it is opened.
 */
public final class TicketRepository {

    private final ObjectMapper json = EngineJson.mapper();
    private final boolean postgres;

    /** @param postgres create an agent's lock row with {@code ON CONFLICT DO NOTHING}; otherwise H2's {@code MERGE} */
    public TicketRepository(boolean postgres) {
        this.postgres = postgres;
    }

    /** Where a ticket is in its life. */
    public enum Status { OPEN, ASSIGNED, RESOLVED }

    /**
     * One stored ticket.
     *
     * @param reasons      why it was handed off, main reason first
     * @param context      the snapshot taken at the handoff
     * @param toldPosition the queue position the customer was told at the handoff, or null (tickets of older versions)
     * @param resolution   how it ended: resolved, returned (to the bot), timeout
     */
    public record Row(long id, long conversationId, Status status, List<HandoffReason> reasons, int priority,
                      String group, String assignee, String summary, HandoffContext context, Instant createdAt,
                      Instant claimedAt, Instant firstHumanReplyAt, Instant resolvedAt, String resolution,
                      String resolutionNote, Integer toldPosition) {

        public Row {
            reasons = List.copyOf(reasons);
        }

        /** The ticket as the humans and the helpdesks see it. */
        public HandoffTicket ticket() {
            return HandoffTicket.of(id, conversationId, reasons, priority, group, summary, createdAt, context);
        }

        public boolean hasReason(HandoffReason reason) {
            return reasons.contains(reason);
        }
    }

    /** Stores a new ticket, OPEN, with everything known at the handoff; returns its id. */
    public long insert(Connection c, long conversationId, List<HandoffReason> reasons, int priority, String group,
                       String summary, HandoffContext context, Integer toldPosition, Instant now) throws SQLException {
        return Sql.insert(c, "INSERT INTO handoff_tickets (conversation_id, status, reasons, priority, group_name, "
                        + "summary, ticket, told_position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                conversationId, Status.OPEN, encode(reasons), priority, group, summary,
                EngineJson.write(json, context), toldPosition, now);
    }

    /** The summary changed (the model's, written after the handoff's commit). */
    public void updateSummary(Connection c, long id, String summary) throws SQLException {
        Sql.update(c, "UPDATE handoff_tickets SET summary = ? WHERE id = ?", summary, id);
    }

    /**
     * The position a new ticket of this priority will have: behind every open ticket of the same or a higher
     * priority (it is the newest of its priority).
     */
    public int positionForNew(Connection c, int priority) throws SQLException {
        return (int) Sql.count(c, "SELECT COUNT(*) FROM handoff_tickets WHERE status = ? AND priority >= ?",
                Status.OPEN, priority) + 1;
    }

    public Optional<Row> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM handoff_tickets WHERE id = ?", this::map, id);
    }

    /** The conversation's ticket that is not resolved yet, if any. */
    public Optional<Row> activeFor(Connection c, long conversationId) throws SQLException {
        return Sql.one(c, "SELECT * FROM handoff_tickets WHERE conversation_id = ? AND status <> ? "
                + "ORDER BY id DESC LIMIT 1", this::map, conversationId, Status.RESOLVED);
    }

    /** Open and assigned tickets: highest priority first, then oldest (the queue order). */
    public List<Row> active(Connection c) throws SQLException {
        return Sql.list(c, "SELECT * FROM handoff_tickets WHERE status <> ? ORDER BY priority DESC, created_at, id",
                this::map, Status.RESOLVED);
    }

    public List<Row> since(Connection c, Instant from) throws SQLException {
        return Sql.list(c, "SELECT * FROM handoff_tickets WHERE created_at >= ? ORDER BY id",
                this::map, from);
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

    /**
     * Gives the ticket to {@code assignee}. A new holder starts a new first-response window ({@code assigned_at});
     * the agent who already holds it (a reply claims again) keeps theirs, so nobody resets it by claiming twice.
     */
    public boolean assign(Connection c, long id, String assignee, Instant now) throws SQLException {
        Sql.update(c, "UPDATE handoff_tickets SET assigned_at = ? WHERE id = ? AND NOT (status = ? AND assignee = ? "
                + "AND assigned_at IS NOT NULL)", now, id, Status.ASSIGNED, assignee);
        return Sql.update(c, "UPDATE handoff_tickets SET status = ?, assignee = ?, "
                + "claimed_at = COALESCE(claimed_at, ?) WHERE id = ? AND status <> ?", Status.ASSIGNED, assignee, now,
                id, Status.RESOLVED) == 1;
    }

    /**
     * The agent takes the ticket, only if nobody else holds it and it is not resolved: one statement, so that of two
     * agents claiming at the same moment (on one instance or two) exactly one gets it. False otherwise.
     */
    public boolean claim(Connection c, long id, String agent, Instant now) throws SQLException {
        // assigned_at starts the first-response window, as assign() does: not again for the agent who holds it already
        return Sql.update(c, "UPDATE handoff_tickets SET assigned_at = CASE WHEN status = ? AND assignee = ? "
                + "AND assigned_at IS NOT NULL THEN assigned_at ELSE ? END, status = ?, assignee = ?, "
                + "claimed_at = COALESCE(claimed_at, ?) WHERE id = ? AND status <> ? "
                + "AND (assignee IS NULL OR assignee = ?)", Status.ASSIGNED, agent, now, Status.ASSIGNED, agent, now,
                id, Status.RESOLVED, agent) == 1;
    }

    /**
     * Locks the agent's row in {@code desk_agents} until the transaction ends (creating it the first time), so that
     * the agent's claims are counted against their capacity one at a time, whichever instance serves them.
     */
    public void lockAgent(Connection c, String agent) throws SQLException {
        if (postgres) {
            Sql.update(c, "INSERT INTO desk_agents (name) VALUES (?) ON CONFLICT (name) DO NOTHING", agent);
        } else {
            Sql.update(c, "MERGE INTO desk_agents KEY (name) VALUES (?)", agent);
        }
        Sql.one(c, "SELECT name FROM desk_agents WHERE name = ? FOR UPDATE", rs -> rs.getString(1), agent);
    }

    /** Tickets the agent holds that are not resolved, not counting {@code exceptTicketId}. */
    public long load(Connection c, String agent, long exceptTicketId) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM handoff_tickets WHERE assignee = ? AND status <> ? AND id <> ?",
                agent, Status.RESOLVED, exceptTicketId);
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

    private Row map(ResultSet rs) throws SQLException {
        int toldValue = rs.getInt("told_position");
        Integer told = rs.wasNull() ? null : toldValue;
        return new Row(rs.getLong("id"), rs.getLong("conversation_id"), Status.valueOf(rs.getString("status")),
                decode(rs.getString("reasons")), rs.getInt("priority"), rs.getString("group_name"),
                rs.getString("assignee"), rs.getString("summary"),
                EngineJson.read(json, rs.getString("ticket"), HandoffContext.class), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "claimed_at"), Sql.instant(rs, "first_human_reply_at"),
                Sql.instant(rs, "resolved_at"), rs.getString("resolution"), rs.getString("resolution_note"),
                told);
    }

    /** Reasons are stored as their codes, comma-separated, main reason first; only this class reads that form. */
    private static String encode(List<HandoffReason> reasons) {
        return String.join(",", reasons.stream().map(HandoffReason::code).toList());
    }

    private static List<HandoffReason> decode(String stored) {
        List<HandoffReason> out = new ArrayList<>();
        for (String code : stored == null ? new String[0] : stored.split(",")) {
            HandoffReason.fromCode(code.strip()).ifPresent(out::add);
        }
        return out;
    }
}
