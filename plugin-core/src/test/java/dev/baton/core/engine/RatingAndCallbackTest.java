package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.CallbackRepository;
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
 * satisfaction reports, thanked, never read as a question) and a leave-a-message form (a callback with a promised
 * time).
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
    void should_store_a_rating_of_the_resolved_ticket_once_and_only_thank_for_it() {
        say("ann", "m1", new InboundContent.ButtonTap("human", "转人工", true));
        long conv = conversationOf("ann");
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
        built.desk().claim(ticket.id(), "bob");
        built.desk().reply(conv, "bob", "已为您办理退货。");
        built.desk().resolve(conv, "bob", "done", "resolved");

        List<String> answer = say("ann", "rating-1", new InboundContent.Rating(4, "  很快 "));
        say("ann", "rating-1", new InboundContent.Rating(4, "很快")); // the channel delivers it again

        assertThat(answer).as("a rating is thanked, never answered").containsExactly("Thank you for your rating!");
        assertThat(ratings(conv)).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.comment()).isEqualTo("很快");
            assertThat(r.ticketId()).isEqualTo(ticket.id());
            assertThat(r.channel()).isEqualTo(WEB);
        });
        assertThat(built.engine().conversation(WEB, "ann").orElseThrow().state()).isEqualTo(ConversationState.BOT);
        List<String> lines = built.engine().transcript(WEB, "ann", 0, 50).stream().map(l -> l.text()).toList();
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("[rating] 4/5 很快",
                "Thank you for your rating!");
    }

    @Test
    void should_not_record_a_rating_nobody_asked_for_and_refuse_a_score_out_of_range() {
        List<String> told = say("cy", "r1", new InboundContent.Rating(5, null));

        assertThat(told).isEmpty();
        assertThat(ratings(conversationOf("cy"))).as("no episode with a person was asked about").isEmpty();
        assertThatThrownBy(() -> new InboundContent.Rating(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InboundContent.Rating(6, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_turn_a_left_message_into_a_callback_with_the_contact_details_for_the_agent() {
        List<String> told = say("dee", "cb1", new InboundContent.CallbackRequest("张三", "13800138000",
                "退款还没到账"));

        long conv = conversationOf("dee");
        List<CallbackRepository.Row> callbacks = db.withConnection(c -> new CallbackRepository()
                .forConversation(c, conv));
        assertThat(callbacks).singleElement().satisfies(cb -> {
            assertThat(cb.status()).isEqualTo(CallbackRepository.Status.OPEN);
            assertThat(cb.customerName()).isEqualTo("张三");
            assertThat(cb.contact()).isEqualTo("13800138000");
            assertThat(cb.question()).isEqualTo("退款还没到账");
            assertThat(cb.promisedAt()).isAfter(cb.requestedAt());
        });
        assertThat(built.engine().transcript(WEB, "dee", 0, 50)).extracting(l -> l.text())
                .contains("[callback] 张三 · 13800138000 · 退款还没到账");
        assertThat(told).as("the customer hears when we call back").singleElement().asString()
                .contains("13800138000").contains("前通过");
        assertThat(built.engine().conversation(WEB, "dee").orElseThrow().state()).isEqualTo(ConversationState.BOT);
        java.util.Optional<TicketRepository.Row> ticket = db.withConnection(c -> built.store().tickets()
                .activeFor(c, conv));
        assertThat(ticket).as("no queue ticket").isEmpty();
    }

    @Test
    void should_close_the_queued_ticket_when_a_callback_form_arrives_while_queued() {
        say("eve", "h1", new InboundContent.ButtonTap("human", "转人工", true));
        long conv = conversationOf("eve");
        long first = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow().id();

        say("eve", "cb1", new InboundContent.CallbackRequest("Eve", "eve@example.com", "call me tomorrow"));

        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().byId(c, first)).orElseThrow();
        assertThat(ticket.status()).as("the callback replaces the wait").isEqualTo(TicketRepository.Status.RESOLVED);
        assertThat(ticket.resolution()).isEqualTo("callback");
        List<CallbackRepository.Row> callbacks = db.withConnection(c -> new CallbackRepository()
                .forConversation(c, conv));
        assertThat(callbacks).singleElement().satisfies(cb -> assertThat(cb.contact()).isEqualTo("eve@example.com"));
        List<dev.baton.core.conversation.Message> transcript = db.withConnection(c -> built.store().messages()
                .transcript(c, conv));
        assertThat(transcript).extracting(m -> m.text())
                .contains("[callback] Eve · eve@example.com · call me tomorrow");
    }
}
