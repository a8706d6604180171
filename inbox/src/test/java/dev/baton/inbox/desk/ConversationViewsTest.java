package dev.baton.inbox.desk;

import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.TicketRepository;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The conversation view: who may edit the customer, the reply window, and suggestions for the last question. */
class ConversationViewsTest {

    private final DeskFixture f = new DeskFixture();
    private final List<String> searched = new ArrayList<>();
    private final ConversationViews views = new ConversationViews(f.store, (q, k) -> {
        searched.add(q);
        return List.of(new KnowledgeAnswer("returns.md#1", "How do I return an item?", "Within 30 days.",
                "returns.md", 0.9, true));
    }, new CrmLookup(null, new OkHttpClient(), Duration.ofSeconds(1), f.engine.json()),
            new QueueTimeouts(f.store, new ReplyWriter(f.store, f.engine.json()), new JdbcKeyValueStore(f.db,
                    Clock.systemUTC()), Duration.ofMinutes(15), QueueTimeouts.LEAVE_MESSAGE, ConversationEvents.none(),
                    () -> { }, Clock.systemUTC()),
            ch -> new ChannelLimits(4096, Duration.ofHours(24), 0, false), Clock.systemUTC());

    @AfterEach
    void close() {
        f.close();
    }

    private void customerSays(long conv, String text) {
        Instant now = Instant.now();
        f.db.inTransaction(c -> {
            f.store.messages().append(c, conv, null, Author.CUSTOMER, null, text, null, null, now);
            f.store.conversations().touchCustomerMessage(c, conv, now);
            return null;
        });
    }

    @Test
    void should_show_the_ticket_transcript_and_suggestions_for_the_last_real_question() {
        TicketRepository.Row t = f.heldBy("bob", "support");
        long conv = t.conversationId();
        customerSays(conv, "How do I return an item?");
        customerSays(conv, "[image]");

        ConversationViews.View v = views.view(agent("bob"), conv);

        assertThat(v.conversation().state()).isEqualTo("HUMAN");
        assertThat(v.ticket().summary().id()).isEqualTo(t.id());
        assertThat(v.ticket().summary().position()).as("no queue position in the view").isNull();
        assertThat(v.transcript()).extracting(ConversationViews.Line::text)
                .containsExactly("How do I return an item?", "[image]");
        assertThat(v.lastQuestion()).isEqualTo("How do I return an item?");
        assertThat(searched).containsExactly("How do I return an item?");
        assertThat(v.suggestions()).singleElement().satisfies(s -> assertThat(s.answer()).isEqualTo("Within 30 days."));
        assertThat(v.customer().editable()).as("bob holds it").isTrue();
        assertThat(views.view(agent("cleo"), conv).customer().editable()).isFalse();
        assertThat(views.view(supervisor("ann"), conv).customer().editable()).isTrue();
        assertThat(v.customer().crm()).isFalse();
    }

    @Test
    void should_tell_how_long_the_reply_window_stays_open() {
        long conv = f.botConversation();
        Conversation c = f.conversation(conv);
        assertThat(views.window(c, Instant.now())).as("the customer never wrote")
                .isEqualTo(new ConversationViews.Window("unlimited", null));

        customerSays(conv, "hello");
        Conversation wrote = f.conversation(conv);
        Instant at = wrote.lastCustomerMessageAt();
        assertThat(views.window(wrote, at.plus(Duration.ofHours(1))).status()).isEqualTo("open");
        assertThat(views.window(wrote, at.plus(Duration.ofHours(23))))
                .isEqualTo(new ConversationViews.Window("closing", Duration.ofHours(1).toSeconds()));
        assertThat(views.window(wrote, at.plus(Duration.ofHours(25))))
                .isEqualTo(new ConversationViews.Window("closed", 0L));
        assertThat(views.view(agent("bob"), conv).ticket()).as("the bot has it: no ticket").isNull();
        assertThat(((Refusal) catchThrowable(() -> views.view(agent("bob"), 9999))).kind())
                .isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(views.crm(conv)).isEqualTo(new ConversationViews.CrmAnswer(false, false, null));
    }
}
