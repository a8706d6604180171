package dev.baton.inbox.desk;

import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.HandoffBrief;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.Sql;
import dev.baton.core.store.TicketRepository;
import dev.baton.core.triage.SmallTalk;
import dev.baton.inbox.store.NoteRepository;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Internal notes without HTTP: an agent adds one, agents see it in the transcript marked as a note among the
 * messages, and it never becomes a message: not in the outbox (the customer's channel), not in the transcript the
 * engine, the model and the summaries read, not in what the knowledge suggestions look up.
 */
class ConversationNotesTest {

    private final DeskFixture f = new DeskFixture();
    private final List<Long> changed = new ArrayList<>();
    private final ConversationNotes notes = new ConversationNotes(f.store, new NoteRepository(f.db),
            (id, kind) -> changed.add(id), Clock.systemUTC());
    private final List<String> searched = new ArrayList<>();
    private final ConversationViews views = new ConversationViews(f.store, (q, k) -> {
        searched.add(q);
        return List.of(new KnowledgeAnswer("returns.md#1", "How do I return an item?", "Within 30 days.",
                "returns.md", 0.9, true));
    }, new CrmLookup(null, new OkHttpClient(), Duration.ofSeconds(1), f.engine.json()),
            new QueueTimeouts(f.store, new ReplyWriter(f.store, f.engine.json()), new JdbcKeyValueStore(f.db,
                    Clock.systemUTC()), Duration.ofMinutes(15), QueueTimeouts.LEAVE_MESSAGE, ConversationEvents.none(),
                    () -> { }, Clock.systemUTC()),
            ch -> ChannelLimits.unlimited(), new DeskLabels("en", Map.of()),
            text -> SmallTalk.defaults().read(text).isSmallTalk(), Clock.systemUTC());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_show_a_note_to_agents_in_the_transcript_and_never_make_it_a_message() {
        TicketRepository.Row t = f.heldBy("bob", "support");
        long conv = t.conversationId();
        append(conv, Author.CUSTOMER, "How do I return an item?");
        long outboxBefore = outboxRows(conv);

        var note = notes.add(agent("bob"), conv, "  Customer called twice about a refund: do you want to issue it?  ");
        append(conv, Author.CUSTOMER, "[image]");

        assertThat(note.text()).as("stripped").isEqualTo("Customer called twice about a refund: do you want to "
                + "issue it?");
        assertThat(note.author()).isEqualTo("bob");
        assertThat(changed).as("open pages reload").containsExactly(conv);
        ConversationViews.View v = views.view(agent("cleo"), conv);
        assertThat(v.transcript()).extracting(ConversationViews.Line::author, ConversationViews.Line::text)
                .containsExactly(tuple("customer", "How do I return an item?"),
                        tuple(ConversationViews.NOTE, note.text()),
                        tuple("customer", "[image]"));
        assertThat(v.transcript().get(1).authorName()).isEqualTo("bob");

        assertThat(outboxRows(conv)).as("nothing queued for the customer's channel").isEqualTo(outboxBefore);
        List<Message> messages = f.db.withConnection(c -> f.store.messages().transcript(c, conv));
        assertThat(messages).as("what the engine, the model and the summaries read")
                .extracting(Message::text).doesNotContain(note.text()).hasSize(2);
        assertThat(HandoffBrief.read(messages, x -> false).toString()).doesNotContain("refund");
        assertThat(v.lastQuestion()).as("the suggestions are for the customer's question, not the note")
                .isEqualTo("How do I return an item?");
        assertThat(searched).noneMatch(q -> q.contains("refund"));
        assertThat(notes.list(conv)).extracting(NoteRepository.Note::text).containsExactly(note.text());
    }

    @Test
    void should_refuse_an_empty_or_too_long_note_and_an_unknown_conversation() {
        long conv = f.botConversation();
        assertThat(catchThrowable(() -> notes.add(agent("bob"), conv, "  "))).hasMessage("note text is required");
        assertThat(catchThrowable(() -> notes.add(agent("bob"), conv, "x".repeat(ConversationNotes.MAX_TEXT + 1))))
                .hasMessage("note is longer than 2000 characters");
        assertThat(((Refusal) catchThrowable(() -> notes.add(agent("bob"), 999_999, "hi"))).kind())
                .isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(notes.list(conv)).isEmpty();
        assertThat(changed).isEmpty();
    }

    private long outboxRows(long conv) {
        return f.db.withConnection(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE conversation_id = ?", conv));
    }

    private void append(long conv, Author author, String text) {
        Instant now = Instant.now();
        f.db.inTransaction(c -> {
            f.store.messages().append(c, conv, null, author, author == Author.HUMAN ? "bob" : null, text, null, null,
                    now);
            if (author == Author.CUSTOMER) {
                f.store.conversations().touchCustomerMessage(c, conv, now);
            }
            return null;
        });
    }
}
