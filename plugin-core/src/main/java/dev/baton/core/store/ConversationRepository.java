package dev.baton.core.store;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations: one per customer, with state, assignee, priority and the time of the customer's last message. */
public final class ConversationRepository {

    private static final String COLUMNS = "id, customer_id, channel, channel_account, state, assignee, group_name, "
            + "priority, bot_turns, last_customer_message_at, window_note, created_at, updated_at";

    /** The customer's conversation, created in state BOT on first contact. */
    public Conversation forCustomer(Connection c, long customerId, Channel channel, String channelAccount,
                                    Instant now) throws SQLException {
        Optional<Conversation> existing = byCustomer(c, customerId);
        if (existing.isPresent()) {
            Conversation conv = existing.get();
            if (channelAccount != null && !channelAccount.equals(conv.channelAccount())) {
                Sql.update(c, "UPDATE conversations SET channel_account = ? WHERE id = ?", channelAccount, conv.id());
                return byId(c, conv.id()).orElseThrow();
            }
            return conv;
        }
        try {
            long id = Sql.insert(c, "INSERT INTO conversations (customer_id, channel, channel_account, state, "
                            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    customerId, channel.key(), channelAccount, ConversationState.BOT, now, now);
            return byId(c, id).orElseThrow();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return byCustomer(c, customerId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    public Optional<Conversation> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM conversations WHERE id = ?", ConversationRepository::map, id);
    }

    public Optional<Conversation> byCustomer(Connection c, long customerId) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM conversations WHERE customer_id = ?",
                ConversationRepository::map, customerId);
    }

    /** Conversations in the given state, highest priority first, then oldest. */
    public List<Conversation> inState(Connection c, ConversationState state) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM conversations WHERE state = ? "
                + "ORDER BY priority DESC, updated_at", ConversationRepository::map, state);
    }

    /** The customer wrote: the channel's reply window is open again, so a note about it closing no longer holds. */
    public void touchCustomerMessage(Connection c, long id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE conversations SET last_customer_message_at = ?, window_note = NULL, updated_at = ? "
                + "WHERE id = ?", at, at, id);
    }

    public void incrementBotTurns(Connection c, long id) throws SQLException {
        Sql.update(c, "UPDATE conversations SET bot_turns = bot_turns + 1 WHERE id = ?", id);
    }

    /**
     * Moves the conversation to {@code to} only if it is still in {@code from}; returns false when another
     * actor moved it first (two agents claiming at once).
     */
    public boolean transition(Connection c, long id, ConversationState from, ConversationState to, String assignee,
                              String group, Integer priority, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE conversations SET state = ?, assignee = ?, group_name = COALESCE(?, group_name), "
                        + "priority = COALESCE(?, priority), updated_at = ? WHERE id = ? AND state = ?",
                to, assignee, group, priority, now, id, from) == 1;
    }

    /** Back to the bot: assignee cleared, priority and turn count reset. */
    public void returnToBot(Connection c, long id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE conversations SET state = ?, assignee = NULL, priority = 0, bot_turns = 0, "
                + "updated_at = ? WHERE id = ?", ConversationState.BOT, now, id);
    }

    public void setWindowNote(Connection c, long id, String note, Instant now) throws SQLException {
        Sql.update(c, "UPDATE conversations SET window_note = ?, updated_at = ? WHERE id = ?", note, now, id);
    }

    private static Conversation map(ResultSet rs) throws SQLException {
        return new Conversation(rs.getLong("id"), rs.getLong("customer_id"),
                Channel.of(rs.getString("channel")), rs.getString("channel_account"),
                ConversationState.valueOf(rs.getString("state")), rs.getString("assignee"),
                rs.getString("group_name"), rs.getInt("priority"), rs.getInt("bot_turns"),
                Sql.instant(rs, "last_customer_message_at"), rs.getString("window_note"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
