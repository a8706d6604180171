package dev.baton.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which customers are one person (tables {@code people}, {@code customer_links}, {@code customer_link_audit}).
 * A customer without a link is a person of their own. {@link #link} merges the two customers' groups and
 * {@link #unlink} takes one customer out of theirs; both are idempotent (a link already made, an unlink of a customer
 * on their own, change nothing and write no audit row). Call them inside a transaction.
 */
public final class CustomerLinkRepository {

    /** What happened to a link. */
    public enum Action {
        LINK, UNLINK;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One audit row: {@code actor} (an agent's name, {@code crm}) linked {@code customerId} to {@code otherId}, or
     * unlinked {@code customerId} (then {@code otherId} is a customer of the group it left, or null), {@code via} how
     * ({@code session}, {@code agent-token}, {@code crm-hook}, …).
     */
    public record AuditEntry(long id, Action action, long customerId, Long otherId, String actor, String via,
                             Instant at) {
    }

    /** The person the customer belongs to, when linked to anyone. */
    public Optional<Long> personOf(Connection c, long customerId) throws SQLException {
        return Sql.one(c, "SELECT person_id FROM customer_links WHERE customer_id = ?", rs -> rs.getLong(1),
                customerId);
    }

    /** The customers that are the same person as {@code customerId}, itself included, by id. */
    public List<Long> group(Connection c, long customerId) throws SQLException {
        Optional<Long> person = personOf(c, customerId);
        if (person.isEmpty()) {
            return List.of(customerId);
        }
        return Sql.list(c, "SELECT customer_id FROM customer_links WHERE person_id = ? ORDER BY customer_id",
                rs -> rs.getLong(1), person.get());
    }

    /**
     * Makes {@code a} and {@code b} one person, merging their groups (the lower person id is kept).
     *
     * @return false when they already were one person (nothing written)
     */
    public boolean link(Connection c, long a, long b, String actor, String via, Instant now) throws SQLException {
        if (a == b) {
            return false;
        }
        Optional<Long> pa = personOf(c, a);
        Optional<Long> pb = personOf(c, b);
        if (pa.isPresent() && pa.equals(pb)) {
            return false;
        }
        long person;
        if (pa.isPresent() && pb.isPresent()) {
            person = Math.min(pa.get(), pb.get());
            long gone = Math.max(pa.get(), pb.get());
            Sql.update(c, "UPDATE customer_links SET person_id = ? WHERE person_id = ?", person, gone);
            Sql.update(c, "DELETE FROM people WHERE id = ?", gone);
        } else if (pa.isPresent() || pb.isPresent()) {
            person = pa.orElseGet(pb::get);
            Sql.update(c, "INSERT INTO customer_links (customer_id, person_id, linked_at, linked_by) VALUES (?, ?, ?, ?)",
                    pa.isPresent() ? b : a, person, now, actor);
        } else {
            person = Sql.insert(c, "INSERT INTO people (created_at) VALUES (?)", now);
            for (long id : new long[] {a, b}) {
                Sql.update(c, "INSERT INTO customer_links (customer_id, person_id, linked_at, linked_by) "
                        + "VALUES (?, ?, ?, ?)", id, person, now, actor);
            }
        }
        audit(c, Action.LINK, a, b, actor, via, now);
        return true;
    }

    /**
     * Takes {@code customerId} out of their group; a group left with one customer is dissolved (that customer is a
     * person of their own again).
     *
     * @return false when the customer was on their own already (nothing written)
     */
    public boolean unlink(Connection c, long customerId, String actor, String via, Instant now) throws SQLException {
        Optional<Long> person = personOf(c, customerId);
        if (person.isEmpty()) {
            return false;
        }
        Sql.update(c, "DELETE FROM customer_links WHERE customer_id = ?", customerId);
        List<Long> rest = Sql.list(c, "SELECT customer_id FROM customer_links WHERE person_id = ? ORDER BY customer_id",
                rs -> rs.getLong(1), person.get());
        if (rest.size() <= 1) {
            Sql.update(c, "DELETE FROM customer_links WHERE person_id = ?", person.get());
            Sql.update(c, "DELETE FROM people WHERE id = ?", person.get());
        }
        audit(c, Action.UNLINK, customerId, rest.isEmpty() ? null : rest.get(0), actor, via, now);
        return true;
    }

    /** The audit rows that name any of {@code customerIds}, oldest first. */
    public List<AuditEntry> audit(Connection c, List<Long> customerIds) throws SQLException {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", customerIds.stream().map(x -> "?").toList());
        Object[] params = new Object[customerIds.size() * 2];
        for (int i = 0; i < customerIds.size(); i++) {
            params[i] = customerIds.get(i);
            params[customerIds.size() + i] = customerIds.get(i);
        }
        return Sql.list(c, "SELECT id, action, customer_id, other_id, actor, via, created_at FROM customer_link_audit "
                        + "WHERE customer_id IN (" + in + ") OR other_id IN (" + in + ") ORDER BY id",
                rs -> new AuditEntry(rs.getLong("id"), Action.valueOf(rs.getString("action")),
                        rs.getLong("customer_id"), Sql.nullableLong(rs, "other_id"), rs.getString("actor"),
                        rs.getString("via"), Sql.instant(rs, "created_at")), params);
    }

    private static void audit(Connection c, Action action, long customerId, Long otherId, String actor, String via,
                              Instant now) throws SQLException {
        Sql.insert(c, "INSERT INTO customer_link_audit (action, customer_id, other_id, actor, via, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", action.name(), customerId, otherId, actor, via, now);
    }
}
