package dev.baton.core.store;

import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Author;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.channel.OutboundMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Writes a reply to the transcript and the outbox in the caller's transaction; the outbox delivers it after. */
public final class ReplyWriter {

    private final Store store;
    private final ObjectMapper json;

    public ReplyWriter(Store store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public long enqueue(Connection c, Conversation conv, Long inboundId, OutboundMessage.Author author,
                        String authorName, String text, String citation, String language, Instant now)
            throws SQLException {
        return enqueue(c, conv, inboundId, author, authorName, new OutboundMessage.Text(text), citation, language,
                now);
    }

    /**
     * A reply of any kind (a satisfaction request, text with buttons): the transcript keeps its text form, the outbox
     * the content, which the channel's sender renders.
     */
    public long enqueue(Connection c, Conversation conv, Long inboundId, OutboundMessage.Author author,
                        String authorName, OutboundMessage.OutboundContent content, String citation, String language,
                        Instant now) throws SQLException {
        String text = content.text();
        Author transcriptAuthor = switch (author) {
            case BOT -> Author.BOT;
            case HUMAN -> Author.HUMAN;
            case SYSTEM -> Author.SYSTEM;
        };
        Customer cu = store.customers().byId(c, conv.customerId()).orElseThrow();
        store.messages().append(c, conv.id(), null, transcriptAuthor, authorName, text, citation, null, now);
        return store.outbox().enqueue(c, conv.id(), inboundId, conv.channel(), cu.platformId(), conv.channelAccount(),
                author.name(), language != null ? language : cu.language(),
                EngineJson.write(json, content), now);
    }
}
