package dev.baton.inbox.desk;

import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.conversation.SmallTalkKind;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.triage.SmallTalk;
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
import java.util.Map;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

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
            ch -> new ChannelLimits(4096, Duration.ofHours(24), 0, false), new DeskLabels("en", Map.of()),
            text -> SmallTalk.defaults().read(text).isSmallTalk(), Clock.systemUTC());

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

    private void append(long conv, Author author, String text, String citation, TurnSignals signals) {
        Instant now = Instant.now();
        f.db.inTransaction(c -> {
            f.store.messages().append(c, conv, null, author, null, text, citation, signals, now);
            if (author == Author.CUSTOMER) {
                f.store.conversations().touchCustomerMessage(c, conv, now);
            }
            return null;
        });
    }

    private static TurnSignals read(SmallTalkKind smallTalk, boolean request, boolean knowledgeMiss) {
        TriageSignals.ExplicitRequest r = request
                ? new TriageSignals.ExplicitRequest(true, TriageSignals.Method.KEYWORD, "转人工", 1.0, false)
                : TriageSignals.ExplicitRequest.none();
        return TurnSignals.of(new TriageSignals("zh", r, new TriageSignals.Sentiment(TriageSignals.Polarity.NEUTRAL,
                0.0), request ? new TriageSignals.IntentMatch("human_agent", 1.0, TriageSignals.Method.KEYWORD, "转人工")
                : null, TriageSignals.Repetition.none(), 100, smallTalk), knowledgeMiss);
    }

    /** Hands the conversation off now, as the engine does: the ticket's snapshot holds the transcript so far. */
    private TicketRepository.Row handOff(long conv, String intent, HandoffReason... reasons) {
        Instant now = Instant.now();
        long id = f.db.inTransaction(c -> {
            Conversation cv = f.store.conversations().byId(c, conv).orElseThrow();
            f.store.conversations().transition(c, conv, ConversationState.BOT, ConversationState.QUEUED, null,
                    "support", 50, now);
            List<HandoffTicket.TranscriptLine> lines = f.store.messages().transcript(c, conv).stream()
                    .map(m -> new HandoffTicket.TranscriptLine(m.createdAt(), m.author().code(), m.text())).toList();
            HandoffContext context = new HandoffContext(new HandoffTicket.CustomerProfile(cv.customerId(),
                    Channel.of("dev"), "c", null, null, null, List.of()), "explicit_request: keyword matched '转人工'",
                    "zh", intent, List.of(), List.of(), lines, null);
            return f.store.tickets().insert(c, conv, List.of(reasons), 50, "support", "…", context, 1, now);
        });
        return f.ticket(id);
    }

    @Test
    void should_suggest_for_the_customers_issue_not_their_last_line() {
        long conv = f.botConversation();
        append(conv, Author.CUSTOMER, "你好", null, read(SmallTalkKind.GREETING, false, false));
        append(conv, Author.BOT, "您好！请问有什么可以帮您？", null, null);
        append(conv, Author.CUSTOMER, "我买的耳机有杂音，能换新的吗", null, read(null, false, true));
        append(conv, Author.BOT, "抱歉，这个问题我暂时没有找到可靠的答案。", null, null);
        append(conv, Author.CUSTOMER, "订单号 88812345", null, read(null, false, true));
        append(conv, Author.BOT, "抱歉，这个问题我暂时没有找到可靠的答案。", null, null);
        append(conv, Author.CUSTOMER, "转人工", null, read(null, true, true));
        handOff(conv, "human_agent", HandoffReason.EXPLICIT_REQUEST, HandoffReason.KNOWLEDGE_MISS);
        append(conv, Author.CUSTOMER, "在吗？", null, null); // written while queued: no signals
        append(conv, Author.CUSTOMER, "😭", null, null);

        ConversationViews.View v = views.view(agent("bob"), conv);

        assertThat(v.lastQuestion()).isEqualTo("我买的耳机有杂音，能换新的吗");
        assertThat(searched).containsExactly("我买的耳机有杂音，能换新的吗");
    }

    @Test
    void should_show_no_suggestions_before_the_customer_asks_anything() {
        long conv = f.botConversation();
        append(conv, Author.CUSTOMER, "转人工", null, read(null, true, true));
        handOff(conv, null, HandoffReason.EXPLICIT_REQUEST);

        ConversationViews.View v = views.view(agent("bob"), conv);

        assertThat(v.lastQuestion()).isNull();
        assertThat(v.suggestions()).isEmpty();
        assertThat(searched).as("nothing to search for").isEmpty();
    }

    @Test
    void should_label_reasons_and_intent_and_tell_how_each_bot_answer_went_naming_each_source_once() {
        long conv = f.botConversation();
        append(conv, Author.CUSTOMER, "hi", null, read(SmallTalkKind.GREETING, false, false));
        append(conv, Author.BOT, "Hi! How can I help?", null, null);
        append(conv, Author.CUSTOMER, "How do I return an item?", null, read(null, false, false));
        append(conv, Author.BOT, "Open My orders and tap Return.\n\nSource: How do I return an item?",
                "returns.md › How do I return an item?", null);
        append(conv, Author.CUSTOMER, "and the refund?", null, read(null, false, false));
        append(conv, Author.BOT, "Refunds take 3 to 5 working days.", "returns.md › How long does a refund take?",
                null);
        append(conv, Author.CUSTOMER, "can I pay with bitcoin?", null, read(null, false, true));
        append(conv, Author.BOT, "Sorry, I couldn't find a reliable answer to that.", null, null);
        append(conv, Author.CUSTOMER, "转人工", null, read(null, true, true));
        handOff(conv, "refund_request", HandoffReason.EXPLICIT_REQUEST, HandoffReason.KNOWLEDGE_MISS);
        append(conv, Author.BOT, "a later answer, after the handoff", "returns.md › Later", null);

        ConversationViews.View v = views.view(agent("bob"), conv);

        assertThat(v.ticket().summary().reasons()).containsExactly("explicit_request", "knowledge_miss");
        assertThat(v.ticket().summary().reasonLabels()).containsExactly("asked for a person", "bot had no answer");
        assertThat(v.ticket().summary().explanation()).as("the technical detail stays available")
                .startsWith("explicit_request: keyword matched");
        assertThat(v.ticket().intent()).isEqualTo("refund_request");
        assertThat(v.ticket().intentLabel()).isEqualTo("refund request");
        assertThat(v.ticket().botAttempts()).extracting(ConversationViews.Attempt::question,
                ConversationViews.Attempt::outcome, ConversationViews.Attempt::source).containsExactly(
                tuple("hi", "small_talk", null),
                tuple("How do I return an item?", "answered", "How do I return an item?"),
                tuple("and the refund?", "answered", "How long does a refund take?"),
                tuple("can I pay with bitcoin?", "no_answer", null));
        assertThat(v.transcript()).filteredOn(l -> "returns.md › How do I return an item?".equals(l.citation()))
                .singleElement().as("the answer names its source already: not again")
                .satisfies(l -> assertThat(l.source()).isNull());
        assertThat(v.transcript()).filteredOn(l -> "returns.md › How long does a refund take?".equals(l.citation()))
                .singleElement().as("an answer that does not name it: once, under it")
                .satisfies(l -> assertThat(l.source()).isEqualTo("How long does a refund take?"));
    }
}
