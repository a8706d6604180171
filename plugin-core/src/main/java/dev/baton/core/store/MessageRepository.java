package dev.baton.core.store;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.LookupTrace;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.TurnSignals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The transcript. */
public final class MessageRepository {

    private final SignalsCodec signals = new SignalsCodec();

    private static final String COLUMNS =
            "id, conversation_id, inbound_id, direction, author, author_name, text, citation, signals, created_at";

    public Message append(Connection c, long conversationId, Long inboundId, Author author, String authorName,
                          String text, String citation, TurnSignals turnSignals, Instant at) throws SQLException {
        long id = Sql.insert(c, "INSERT INTO messages (conversation_id, inbound_id, direction, author, author_name, "
                        + "text, citation, signals, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                conversationId, inboundId, author == Author.CUSTOMER ? "IN" : "OUT", author, authorName,
                text == null ? "" : text, citation, signals.write(turnSignals), at);
        return new Message(id, conversationId, inboundId, author, authorName, text, citation, turnSignals, at);
    }

    /** The whole transcript, oldest first. */
    public List<Message> transcript(Connection c, long conversationId) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? ORDER BY id",
                this::map, conversationId);
    }

    /** The last {@code n} messages, oldest first. */
    public List<Message> recent(Connection c, long conversationId, int n) throws SQLException {
        List<Message> rows = Sql.list(c, "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? "
                + "ORDER BY id DESC LIMIT ?", this::map, conversationId, n);
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** Messages after {@code afterId}, oldest first (for live views). */
    public List<Message> after(Connection c, long conversationId, long afterId) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id",
                this::map, conversationId, afterId);
    }

    /**
     * The conversations in which a customer turn since {@code since} was answered from the business's API by a
     * look-up ({@link LookupTrace.Outcome#answered()}: the record, or that there is none). For analytics.
     */
    public Set<Long> answeredByLookups(Connection c, Instant since) throws SQLException {
        List<Message> turns = Sql.list(c, "SELECT " + COLUMNS + " FROM messages WHERE author = 'CUSTOMER' AND "
                + "created_at >= ? AND signals LIKE ?", this::map, since, "%\"" + SignalsCodec.LOOKUPS + "\"%");
        Set<Long> out = new LinkedHashSet<>();
        for (Message m : turns) {
            if (m.signals() != null && m.signals().lookups().stream().anyMatch(t -> t.outcome().answered())) {
                out.add(m.conversationId());
            }
        }
        return out;
    }

    /**
     * The latest {@code limit} lines after {@code afterId} that the customer wrote or was sent, oldest first: their
     * own messages and the replies written through the outbox (bot, agents, notices). Lines recorded from platform
     * events, and any other author, are left out: the customer never saw them.
     */
    public List<Message> customerView(Connection c, long conversationId, long afterId, int limit)
            throws SQLException {
        List<Message> rows = Sql.list(c, "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND id > ? "
                        + "AND (author = ? OR (inbound_id IS NULL AND author IN (?, ?, ?))) ORDER BY id DESC LIMIT ?",
                this::map, conversationId, afterId, Author.CUSTOMER, Author.BOT, Author.HUMAN, Author.SYSTEM, limit);
        java.util.Collections.reverse(rows);
        return rows;
    }

    private Message map(ResultSet rs) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("conversation_id"), Sql.nullableLong(rs, "inbound_id"),
                Author.valueOf(rs.getString("author")), rs.getString("author_name"), rs.getString("text"),
                rs.getString("citation"), signals.read(rs.getString("signals")), Sql.instant(rs, "created_at"));
    }
}
