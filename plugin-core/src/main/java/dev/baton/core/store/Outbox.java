package dev.baton.core.store;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.OutboxReference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Replies waiting to be delivered. A reply is stored here in the same transaction as the turn that produced it,
 * then delivered by the outbox worker with retry and backoff. Rows end SENT, CLAIMED (delivered by the caller,
 * e.g. in a WeChat passive reply) or DEAD (gave up; visible in the log and the API). An agent's reply that the
 * channel refused because its reply window is closed is WAITING until the customer writes again, then PENDING.
 *
 * <p>A row whose send was cut short (its sender died after the platform's request, before the SENT mark) on a channel
 * whose platform confirms deliveries is <em>in doubt</em>: PENDING with {@code in_doubt_at} set, not due before a
 * grace period, and in the way of the customer's later replies. The platform's status naming it
 * ({@link #applyDeliveryStatus}, by its {@link OutboxReference}) marks it SENT; without one it is sent again after
 * the grace.
 */
public final class Outbox {

    /** Delivery state of an outbox row. */
    public enum Status { PENDING, SENDING, SENT, CLAIMED, DEAD, WAITING }

    /** One reply. {@code content} is the outbound content as JSON. */
    public record Row(long id, long conversationId, Long inboundId, Channel channel, String customerId,
                      String channelAccount, String author, String language, String content, Status status,
                      int attempts, Instant nextAttemptAt, String lastError, String platformIds,
                      String deliveryState, Instant createdAt, Instant inDoubtAt) {
    }

    /**
     * Not a row of its own while an earlier reply to the same customer is in doubt: the channel's and customer's
     * later replies wait for it (the in-doubt row itself is not due before its grace ends).
     */
    private static final String NO_EARLIER_IN_DOUBT = " AND NOT EXISTS (SELECT 1 FROM outbox d "
            + "WHERE d.in_doubt_at IS NOT NULL AND d.status = '" + Status.PENDING.name() + "' "
            + "AND d.channel = outbox.channel AND d.customer_id = outbox.customer_id AND d.id < outbox.id)";

    public long enqueue(Connection c, long conversationId, Long inboundId, Channel channel, String customerId,
                        String channelAccount, String author, String language, String contentJson, Instant now)
            throws SQLException {
        return Sql.insert(c, "INSERT INTO outbox (conversation_id, inbound_id, channel, customer_id, channel_account, "
                        + "author, language, content, status, next_attempt_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                conversationId, inboundId, channel.key(), customerId, channelAccount, author, language, contentJson,
                Status.PENDING, now, now, now);
    }

    /**
     * Messages queued for a conversation since {@code since} (its customer's last message), except those given up on:
     * what counts against a channel's cap per customer message (WeCom 微信客服: 5).
     */
    public long countSince(Connection c, long conversationId, Instant since) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE conversation_id = ? AND created_at >= ? AND status <> ?",
                conversationId, since, Status.DEAD);
    }

    /** Rows due for delivery, oldest first, except those behind an earlier reply in doubt. */
    public List<Row> due(Connection c, Instant now, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM outbox WHERE status = ? AND next_attempt_at <= ?" + NO_EARLIER_IN_DOUBT
                + " ORDER BY id LIMIT ?", Outbox::map, Status.PENDING, now, limit);
    }

    /**
     * Rows due for delivery whose inbound message no passive caller holds (on any instance), oldest first: the
     * outbox of an instance that shares the database with others.
     */
    public List<Row> dueUnheld(Connection c, Instant now, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM outbox WHERE status = ? AND next_attempt_at <= ? AND (inbound_id IS NULL "
                        + "OR NOT EXISTS (SELECT 1 FROM inbound_log i WHERE i.id = outbox.inbound_id "
                        + "AND i.held_until > ?))" + NO_EARLIER_IN_DOUBT + " ORDER BY id LIMIT ?", Outbox::map,
                Status.PENDING, now, now, limit);
    }

    /**
     * Takes a row for one attempt on behalf of {@code holder} until {@code leaseUntil}, and only if no earlier reply to
     * the same customer is being sent or is due: with several instances sending, replies to one customer still leave
     * one at a time, in order. False when another instance or a passive caller took the row, or an earlier one must
     * go first (an earlier reply in doubt counts as in flight).
     */
    public boolean claimInOrder(Connection c, long id, String holder, Instant now, Instant leaseUntil)
            throws SQLException {
        return Sql.update(c, "UPDATE outbox SET status = ?, claimed_by = ?, lease_until = ?, in_doubt_at = NULL, "
                        + "updated_at = ? WHERE id = ? AND status = ? AND NOT EXISTS (SELECT 1 FROM outbox o "
                        + "WHERE o.channel = outbox.channel AND o.customer_id = outbox.customer_id AND o.id < outbox.id "
                        + "AND (o.status = ? OR (o.status = ? AND (o.next_attempt_at <= ? OR o.in_doubt_at IS NOT NULL))))",
                Status.SENDING, holder, leaseUntil, now, id, Status.PENDING, Status.SENDING, Status.PENDING, now) == 1;
    }

    /** Extends the claims of the rows {@code holder} is sending (its heartbeat); returns how many. */
    public int renewClaims(Connection c, String holder, Instant leaseUntil) throws SQLException {
        return Sql.update(c, "UPDATE outbox SET lease_until = ? WHERE status = ? AND claimed_by = ?", leaseUntil,
                Status.SENDING, holder);
    }

    /**
     * Rows whose sender stopped renewing its claim (it died mid-send) go back to PENDING, to be sent by whichever
     * instance claims them next; returns how many. A row without a claim time was left SENDING by a single instance.
     */
    public int releaseExpiredClaims(Connection c, Instant now) throws SQLException {
        return releaseExpiredClaims(c, now, List.of(), now);
    }

    /**
     * As {@link #releaseExpiredClaims(Connection, Instant)}, but a row of a channel in {@code confirming} (its platform
     * confirms deliveries) is in doubt until {@code doubtUntil}: not sent again before, unless no status named it.
     */
    public int releaseExpiredClaims(Connection c, Instant now, Collection<Channel> confirming, Instant doubtUntil)
            throws SQLException {
        return requeueCutShort(c, "(lease_until IS NULL OR lease_until < ?)", List.of(now), now, confirming,
                doubtUntil);
    }

    /** Rows caught mid-send by a crash go back to PENDING (senders are idempotent per outbox id where they can be). */
    public int resetInFlight(Connection c, Instant now) throws SQLException {
        return resetInFlight(c, now, List.of(), now);
    }

    /**
     * Every row caught mid-send by this single instance's crash goes back to PENDING; those of a channel in
     * {@code confirming} are in doubt until {@code doubtUntil}. Returns how many.
     */
    public int resetInFlight(Connection c, Instant now, Collection<Channel> confirming, Instant doubtUntil)
            throws SQLException {
        return requeueCutShort(c, "1 = 1", List.of(), now, confirming, doubtUntil);
    }

    /**
     * SENDING rows that also match {@code which} (with {@code whichParams}) go back to PENDING: in doubt until
     * {@code doubtUntil} on a channel in {@code confirming}, due now on the others. Returns how many.
     */
    private static int requeueCutShort(Connection c, String which, List<Object> whichParams, Instant now,
                                       Collection<Channel> confirming, Instant doubtUntil) throws SQLException {
        List<Object> keys = new ArrayList<>();
        confirming.forEach(ch -> keys.add(ch.key()));
        String inList = String.join(", ", java.util.Collections.nCopies(Math.max(1, keys.size()), "?"));
        String where = " WHERE status = ? AND " + which;
        int n = 0;
        if (!keys.isEmpty()) {
            List<Object> p = new ArrayList<>(List.of(Status.PENDING, now, doubtUntil, now, Status.SENDING));
            p.addAll(whichParams);
            p.addAll(keys);
            n += Sql.update(c, "UPDATE outbox SET status = ?, claimed_by = NULL, lease_until = NULL, in_doubt_at = ?, "
                    + "next_attempt_at = ?, updated_at = ?" + where + " AND channel IN (" + inList + ")", p.toArray());
        }
        List<Object> p = new ArrayList<>(List.of(Status.PENDING, now, Status.SENDING));
        p.addAll(whichParams);
        p.addAll(keys);
        n += Sql.update(c, "UPDATE outbox SET status = ?, claimed_by = NULL, lease_until = NULL, updated_at = ?"
                + where + (keys.isEmpty() ? "" : " AND channel NOT IN (" + inList + ")"), p.toArray());
        return n;
    }

    /** Takes a row for one attempt; false when another worker or a passive caller took it first. */
    public boolean claimForSending(Connection c, long id, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE outbox SET status = ?, in_doubt_at = NULL, updated_at = ? WHERE id = ? "
                + "AND status = ?", Status.SENDING, now, id, Status.PENDING) == 1;
    }

    public void markSent(Connection c, long id, List<String> platformIds, Instant now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET status = ?, attempts = attempts + 1, platform_ids = ?, delivery_state = ?, "
                + "updated_at = ? WHERE id = ?", Status.SENT, String.join(",", platformIds), "SENT", now, id);
    }

    /** Not if the platform's status already confirmed the row (a request that timed out here but arrived there). */
    public void scheduleRetry(Connection c, long id, String error, Instant next, Instant now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                + "updated_at = ? WHERE id = ? AND status <> ?", Status.PENDING, InboundLog.truncate(error), next, now,
                id, Status.SENT);
    }

    public void markDead(Connection c, long id, String error, Instant now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, updated_at = ? "
                + "WHERE id = ?", Status.DEAD, InboundLog.truncate(error), now, id);
    }

    /** Makes rows PENDING again, due now, with a fresh set of attempts; parameters: now, now, then the WHERE's. */
    private static final String DUE_AGAIN = "UPDATE outbox SET status = '" + Status.PENDING.name() + "', attempts = 0, "
            + "next_attempt_at = ?, updated_at = ? WHERE ";

    /** The channel's reply window is closed: the row waits for the customer's next message ({@link #release}). */
    public void markWaiting(Connection c, long id, String why, Instant now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, updated_at = ? "
                + "WHERE id = ?", Status.WAITING, InboundLog.truncate(why), now, id);
    }

    /**
     * The customer wrote again, so the channel's window is open: their WAITING rows are due now, with a fresh set of
     * attempts. Returns how many.
     */
    public int release(Connection c, Channel channel, String customerId, Instant now) throws SQLException {
        return Sql.update(c, DUE_AGAIN + "channel = ? AND customer_id = ? AND status = ?", now, now, channel.key(),
                customerId, Status.WAITING);
    }

    /**
     * WAITING rows whose customer wrote after they were set waiting: due now. The turn that stores a customer's message
     * releases their rows itself ({@link #release}); this catches a message that arrived while the refused attempt was
     * still in flight. Returns how many.
     */
    public int releaseReopened(Connection c, Instant now) throws SQLException {
        return Sql.update(c, DUE_AGAIN + "status = ? AND EXISTS (SELECT 1 FROM conversations v "
                + "WHERE v.id = outbox.conversation_id AND v.last_customer_message_at > outbox.updated_at)", now, now,
                Status.WAITING);
    }

    /**
     * Gives a DEAD row a fresh set of attempts, due now (an operator fixed what made it fail: a token, a template, a
     * blocked number). False when the row is not DEAD.
     */
    public boolean requeueDead(Connection c, long id, Instant now) throws SQLException {
        return Sql.update(c, DUE_AGAIN + "id = ? AND status = ?", now, now, id, Status.DEAD) == 1;
    }

    /** Not sent because a human serves the customer on the platform itself; kept for the record. */
    public void markSuppressed(Connection c, long id, String why, Instant now) throws SQLException {
        Sql.update(c, "UPDATE outbox SET status = ?, last_error = ?, updated_at = ? WHERE id = ?", Status.CLAIMED,
                InboundLog.truncate("suppressed: " + why), now, id);
    }

    /** Claims the pending replies produced for one inbound message, so the outbox will not deliver them. */
    public List<Row> claimForInbound(Connection c, long inboundId, Instant now) throws SQLException {
        List<Row> rows = Sql.list(c, "SELECT * FROM outbox WHERE inbound_id = ? AND status = ? ORDER BY id",
                Outbox::map, inboundId, Status.PENDING);
        return claimAll(c, rows, now);
    }

    /** Claims every pending reply for a customer (passive channels deliver them with the next request). */
    public List<Row> claimForCustomer(Connection c, Channel channel, String customerId, Instant now)
            throws SQLException {
        List<Row> rows = Sql.list(c, "SELECT * FROM outbox WHERE channel = ? AND customer_id = ? AND status = ? "
                + "ORDER BY id", Outbox::map, channel.key(), customerId, Status.PENDING);
        return claimAll(c, rows, now);
    }

    private List<Row> claimAll(Connection c, List<Row> rows, Instant now) throws SQLException {
        List<Row> claimed = new java.util.ArrayList<>();
        for (Row r : rows) {
            if (Sql.update(c, "UPDATE outbox SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                    Status.CLAIMED, now, r.id(), Status.PENDING) == 1) {
                claimed.add(r);
            }
        }
        return claimed;
    }

    /** Every reply produced for one inbound message, whatever its status. */
    public List<Row> forInbound(Connection c, long inboundId) throws SQLException {
        return Sql.list(c, "SELECT * FROM outbox WHERE inbound_id = ? ORDER BY id", Outbox::map, inboundId);
    }

    /** Replies for a customer after a given outbox id (the dev channel's poll). */
    public List<Row> forCustomerAfter(Connection c, Channel channel, String customerId, long afterId)
            throws SQLException {
        return Sql.list(c, "SELECT * FROM outbox WHERE channel = ? AND customer_id = ? AND id > ? ORDER BY id",
                Outbox::map, channel.key(), customerId, afterId);
    }

    public List<Row> byStatus(Connection c, Status status, int limit) throws SQLException {
        return Sql.list(c, "SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?", Outbox::map, status,
                limit);
    }

    public Optional<Row> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM outbox WHERE id = ?", Outbox::map, id);
    }

    public long countByStatus(Connection c, Status status) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE status = ?", status);
    }

    /**
     * Records a platform delivery status. Statuses can arrive out of order: the state only moves forward
     * (sent → delivered → read); FAILED is always recorded. Returns the row it applied to, if any.
     *
     * <p>A status that carries the {@link OutboxReference} of a row's last part finds the row by id (the channel and,
     * when the status names it, the customer must match), and if the row was not recorded as sent (it is in doubt, or
     * still SENDING by an instance that died, or waiting for a retry after a request that timed out here) marks it
     * SENT with the status's platform id: the platform says the reply left, so it is not sent again.
     */
    public Optional<Row> applyDeliveryStatus(Connection c, DeliveryStatus status, Instant now) throws SQLException {
        return applyStatus(c, status, now).map(Applied::row);
    }

    /**
     * What {@link #applyStatus} did: the row it applied to, and if the status confirmed the row's send, the status the
     * row had before (PENDING: in doubt or waiting for a retry; SENDING: its sender had not recorded it yet), else null.
     */
    public record Applied(Row row, Status confirmedFrom) {
        public boolean confirmed() {
            return confirmedFrom != null;
        }
    }

    /** As {@link #applyDeliveryStatus(Connection, DeliveryStatus, Instant)}; also says whether it confirmed a send. */
    public Optional<Applied> applyStatus(Connection c, DeliveryStatus status, Instant now) throws SQLException {
        Optional<OutboxReference.Parsed> ref = OutboxReference.parse(status.reference());
        Optional<Row> byRef = ref.isEmpty() ? Optional.empty() : Sql.one(c, "SELECT * FROM outbox WHERE id = ? "
                + "AND channel = ?", Outbox::map, ref.get().outboxId(), status.channel().key())
                .filter(r -> status.customerId() == null || status.customerId().equals(r.customerId()));
        Status confirmedFrom = null;
        if (byRef.isPresent() && ref.get().lastPart() && status.platformMessageId() != null
                && (byRef.get().status() == Status.PENDING || byRef.get().status() == Status.SENDING)) {
            boolean confirmed = Sql.update(c, "UPDATE outbox SET status = ?, platform_ids = ?, delivery_state = NULL, "
                    + "in_doubt_at = NULL, claimed_by = NULL, lease_until = NULL, updated_at = ? "
                    + "WHERE id = ? AND status IN (?, ?)", Status.SENT, status.platformMessageId(), now,
                    byRef.get().id(), Status.PENDING, Status.SENDING) == 1;
            confirmedFrom = confirmed ? byRef.get().status() : null;
        }
        Optional<Row> row = byRef.isPresent() ? byId(c, byRef.get().id()) : status.platformMessageId() == null
                ? Optional.empty() : Sql.one(c, "SELECT * FROM outbox WHERE channel = ? AND platform_ids LIKE ? "
                        + "ORDER BY id DESC LIMIT 1", Outbox::map, status.channel().key(),
                "%" + status.platformMessageId() + "%");
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Applied(applyState(c, row.get(), status, now), confirmedFrom));
    }

    private Row applyState(Connection c, Row r, DeliveryStatus status, Instant now) throws SQLException {
        int current = r.deliveryState() == null ? 0 : DeliveryStatus.State.valueOf(r.deliveryState()).rank();
        if (status.state() == DeliveryStatus.State.FAILED || status.state().rank() > current) {
            String err = status.errorCode() == null ? r.lastError() : status.errorCode() + " " + status.errorTitle();
            Sql.update(c, "UPDATE outbox SET delivery_state = ?, last_error = ?, updated_at = ? WHERE id = ?",
                    status.state().name(), InboundLog.truncate(err), now, r.id());
        }
        return byId(c, r.id()).orElseThrow();
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("conversation_id"), Sql.nullableLong(rs, "inbound_id"),
                Channel.of(rs.getString("channel")), rs.getString("customer_id"),
                rs.getString("channel_account"), rs.getString("author"), rs.getString("language"),
                rs.getString("content"), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), rs.getString("last_error"), rs.getString("platform_ids"),
                rs.getString("delivery_state"), Sql.instant(rs, "created_at"), Sql.instant(rs, "in_doubt_at"));
    }
}
