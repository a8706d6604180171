package dev.baton.core.store;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Customer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Customers, one per channel and platform id. */
public final class CustomerRepository {

    private static final String COLUMNS = "id, channel, platform_id, display_name, tier, tags, language, created_at";

    /** Returns the customer, creating it on first contact; a new display name replaces an empty one. */
    public Customer upsert(Connection c, Channel channel, String platformId, String displayName, Instant now)
            throws SQLException {
        Optional<Customer> existing = find(c, channel, platformId);
        if (existing.isPresent()) {
            Customer cu = existing.get();
            if (displayName != null && !displayName.equals(cu.displayName())) {
                Sql.update(c, "UPDATE customers SET display_name = ? WHERE id = ?", displayName, cu.id());
                return new Customer(cu.id(), cu.channel(), cu.platformId(), displayName, cu.tier(), cu.tags(),
                        cu.language(), cu.createdAt());
            }
            return cu;
        }
        try {
            long id = Sql.insert(c, "INSERT INTO customers (channel, platform_id, display_name, created_at) "
                    + "VALUES (?, ?, ?, ?)", channel.key(), platformId, displayName, now);
            return new Customer(id, channel, platformId, displayName, null, List.of(), null, now);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return find(c, channel, platformId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public Optional<Customer> find(Connection c, Channel channel, String platformId) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM customers WHERE channel = ? AND platform_id = ?",
                CustomerRepository::map, channel.key(), platformId);
    }

    public Optional<Customer> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM customers WHERE id = ?", CustomerRepository::map, id);
    }

    /**
     * Customers whose name or platform id (a phone number on WhatsApp, an openid, a web user id) contains
     * {@code query}, ignoring case, most recent first; at most {@code limit}.
     */
    public List<Customer> search(Connection c, String query, int limit) throws SQLException {
        String like = "%" + query.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Sql.list(c, "SELECT " + COLUMNS + " FROM customers WHERE LOWER(display_name) LIKE ? ESCAPE '\\' "
                        + "OR LOWER(platform_id) LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT " + Math.max(1, limit),
                CustomerRepository::map, like, like);
    }

    /** Sets the profile fields that come from outside the chat (CRM, config, detected language). */
    public void updateProfile(Connection c, long id, String tier, List<String> tags, String language)
            throws SQLException {
        Sql.update(c, "UPDATE customers SET tier = COALESCE(?, tier), tags = COALESCE(?, tags), "
                        + "language = COALESCE(?, language) WHERE id = ?",
                tier, tags == null ? null : String.join(",", tags), language, id);
    }

    /**
     * Sets the tier and the tags as given (a person or the config decided them): unlike {@link #updateProfile}, a
     * null tier clears it and an empty list clears the tags.
     */
    public void setTierAndTags(Connection c, long id, String tier, List<String> tags) throws SQLException {
        Sql.update(c, "UPDATE customers SET tier = ?, tags = ? WHERE id = ?", tier,
                tags == null || tags.isEmpty() ? null : String.join(",", tags), id);
    }

    private static Customer map(ResultSet rs) throws SQLException {
        String tags = rs.getString("tags");
        return new Customer(rs.getLong("id"), Channel.of(rs.getString("channel")),
                rs.getString("platform_id"), rs.getString("display_name"), rs.getString("tier"),
                tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(",")),
                rs.getString("language"), Sql.instant(rs, "created_at"));
    }
}
