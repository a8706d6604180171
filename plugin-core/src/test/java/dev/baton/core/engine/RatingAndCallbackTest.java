package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.store.RatingRepository;
import dev.baton.core.store.TicketRepository;
import dev.baton.core.testing.DeliveredSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two things a customer hands in rather than asks: a rating of their last conversation with a person (stored for the
 * satisfaction reports, never answered) and a leave-a-message form (a ticket with reason {@code callback}).
 */
class RatingAndCallbackTest {

    private static final Channel WEB = Channel.of("web");
    private static final KnowledgeSearch NOTHING = (q, k) -> List.of();

    private Database db;
    private EngineBuilder.Built built;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:rating-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        built = new EngineBuilder(db).knowledge(NOTHING).sender(new DeliveredSender(WEB)).build();
        built.engine().start();
    }

    @AfterEach
    void tearDown() {
        built.close();
        db.close();
    }

    /** The texts sent to the customer for this message. */
    private List<String> say(String customer, String id, InboundContent content) {
        InboundSink.Receipt r = built.engine().accept(List.of(new InboundMessage(WEB, id, customer, null, null,
                Instant.now(), content))).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(10)).stream().map(built.engine()::text)
                .toList();
    }

    private long conversationOf(String customer) {
        return built.engine().conversation(WEB, customer).orElseThrow().id();
    }

    private List<RatingRepository.Row> ratings(long conv) {
        return db.withConnection(c -> built.store().ratings().forConversation(c, conv));
    }

    @Test
    void should_store_a_rating_of_the_resolved_ticket_once_and_not_answer_it() {
        say("ann", "m1", new InboundContent.ButtonTap("human", "转人工", true));
        long conv = conversationOf("ann");
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
        built.desk().claim(ticket.id(), "bob");
        built.desk().reply(conv, "bob", "已为您办理退货。");
        built.desk().resolve(conv, "bob", "done", "resolved");

        List<String> answer = say("ann", "rating-1", new InboundContent.Rating(4, "  很快 "));
        say("ann", "rating-1", new InboundContent.Rating(4, "很快")); // the channel delivers it again

        assertThat(answer).as("a rating is never answered").isEmpty();
        assertThat(ratings(conv)).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.comment()).isEqualTo("很快");
            assertThat(r.ticketId()).isEqualTo(ticket.id());
            assertThat(r.channel()).isEqualTo(WEB);
        });
        assertThat(built.engine().conversation(WEB, "ann").orElseThrow().state()).isEqualTo(ConversationState.BOT);
        assertThat(built.engine().transcript(WEB, "ann", 0, 50)).last()
                .extracting(l -> l.text()).isEqualTo("[rating] 4/5 很快");
    }

    @Test
    void should_keep_a_rating_without_a_ticket_as_such_and_refuse_a_score_out_of_range() {
        say("cy", "r1", new InboundContent.Rating(5, null));

        assertThat(ratings(conversationOf("cy"))).singleElement().satisfies(r -> {
            assertThat(r.ticketId()).isNull();
            assertThat(r.comment()).isNull();
        });
        assertThatThrownBy(() -> new InboundContent.Rating(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InboundContent.Rating(6, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_open_a_callback_ticket_with_the_contact_details_for_the_agent() {
        List<String> told = say("dee", "cb1", new InboundContent.CallbackRequest("张三", "13800138000",
                "退款还没到账"));

        long conv = conversationOf("dee");
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
        assertThat(ticket.reasons()).containsExactly(HandoffReason.CALLBACK);
        assertThat(ticket.context().transcript()).extracting(HandoffTicket.TranscriptLine::text)
                .containsExactly("[callback] 张三 · 13800138000 · 退款还没到账");
        assertThat(told).as("the customer hears the queue confirmation").singleElement().asString()
                .contains("第 1 位");
        assertThat(built.engine().conversation(WEB, "dee").orElseThrow().state()).isEqualTo(ConversationState.QUEUED);
    }

    @Test
    void should_add_a_callback_form_to_the_open_ticket_when_already_queued() {
        say("eve", "h1", new InboundContent.ButtonTap("human", "转人工", true));
        long conv = conversationOf("eve");
        long first = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow().id();

        say("eve", "cb1", new InboundContent.CallbackRequest("Eve", "eve@example.com", "call me tomorrow"));

        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
        assertThat(ticket.id()).as("no second ticket").isEqualTo(first);
        List<dev.baton.core.conversation.Message> transcript = db.withConnection(c -> built.store().messages()
                .transcript(c, conv));
        assertThat(transcript).extracting(m -> m.text())
                .contains("[callback] Eve · eve@example.com · call me tomorrow");
    }
}
