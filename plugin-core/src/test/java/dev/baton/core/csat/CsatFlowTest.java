package dev.baton.core.csat;

import dev.baton.core.agent.AgentReply;
import dev.baton.core.agent.AgentRequest;
import dev.baton.core.agent.SupportAgent;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.handoff.routing.Group;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.store.CsatRequestRepository;
import dev.baton.core.store.Database;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.RatingRepository;
import dev.baton.core.store.TicketRepository;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The satisfaction request as a customer meets it: asked once after an agent who answered them resolves the
 * conversation (not after a bot-only ticket, a ticket Baton closed itself, a group that turned it off, or a closed
 * reply window), answered by typing "5" (recorded against that ticket, thanked, never shown to the agent/model), and
 * never turning a real question into a rating.
 */
class CsatFlowTest {

    private static final Channel CHAT = Channel.of("chat");
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final TestClock clock = TestClock.at(START);
    private final List<String> agentSaw = new CopyOnWriteArrayList<>();
    private Database db;
    private EngineBuilder.Built built;
    private int counter;

    /** A stand-in for the model: it answers every question it is given, and remembers them. */
    private final SupportAgent agent = new SupportAgent() {
        @Override
        public AgentReply answer(AgentRequest request) {
            agentSaw.add(request.text());
            return AgentReply.answer("Your order ships today.", null);
        }
    };

    private void start(CsatConfig csat, List<Group> groups, ChannelLimits limits) {
        db = Database.open("jdbc:h2:mem:csat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        built = new EngineBuilder(db).clock(clock).agent(store -> agent).csat(csat).routing(new Routing(groups))
                .sender(new Sender() {
                    public Channel channel() {
                        return CHAT;
                    }

                    public SendOutcome send(OutboundMessage message) {
                        return new SendOutcome.Delivered(List.of("p-" + message.outboxId()));
                    }

                    public ChannelLimits limits() {
                        return limits;
                    }
                }).build();
        built.engine().start();
    }

    private void start() {
        start(CsatConfig.defaults(), List.of(), ChannelLimits.unlimited());
    }

    @AfterEach
    void tearDown() {
        if (built != null) {
            built.close();
            db.close();
        }
    }

    /** The texts the customer got for this message. */
    private List<String> say(String customer, InboundContent content) {
        InboundSink.Receipt r = built.engine().accept(List.of(new InboundMessage(CHAT, "m" + (++counter), customer,
                null, null, clock.instant(), content))).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(10)).stream().map(built.engine()::text)
                .toList();
    }

    private List<String> say(String customer, String text) {
        return say(customer, new InboundContent.Text(text));
    }

    private long conversation(String customer) {
        return built.engine().conversation(CHAT, customer).orElseThrow().id();
    }

    private TicketRepository.Row handOff(String customer, String text) {
        say(customer, text);
        long conv = conversation(customer);
        return db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
    }

    /** A conversation an agent answered and resolved. */
    private TicketRepository.Row served(String customer, String ask) {
        TicketRepository.Row ticket = handOff(customer, ask);
        built.desk().claim(ticket.id(), "bob");
        built.desk().reply(conversation(customer), "bob", "Done: your refund is on its way.");
        built.desk().resolve(conversation(customer), "bob", null, "resolved");
        return ticket;
    }

    /** The rating requests that went into this customer's outbox, as the channel receives them. */
    private List<OutboundMessage.RatingRequest> requestsTo(String customer) {
        List<Outbox.Row> rows = db.withConnection(c -> built.store().outbox().forCustomerAfter(c, CHAT, customer, 0));
        return rows.stream().map(r -> EngineJson.read(built.json(), r.content(), OutboundMessage.OutboundContent.class))
                .filter(OutboundMessage.RatingRequest.class::isInstance).map(OutboundMessage.RatingRequest.class::cast)
                .toList();
    }

    private List<RatingRepository.Row> ratings(String customer) {
        long conv = conversation(customer);
        return db.withConnection(c -> built.store().ratings().forConversation(c, conv));
    }

    @Test
    void should_ask_once_in_the_customers_language_after_an_agent_resolves_a_conversation_they_answered() {
        start();
        served("li", "我要转人工，退款一直没到");
        served("amy", "I want a human please");

        assertThat(requestsTo("li")).singleElement().satisfies(r -> {
            assertThat(r.text()).startsWith("请为本次人工服务打分：回复 1–5");
            assertThat(r.choices()).extracting(OutboundMessage.RatingChoice::score).containsExactly(5, 4, 3, 2, 1);
            assertThat(r.choices().get(0).label()).isEqualTo("5 · 非常满意");
        });
        assertThat(requestsTo("amy")).singleElement().satisfies(r -> {
            assertThat(r.text()).startsWith("How did we do?").contains("reply 1–5");
            assertThat(r.action()).isEqualTo("Rate us");
        });
        long conv = conversation("li");
        List<CsatRequestRepository.Row> asked = db.withConnection(c -> built.store().csatRequests()
                .forConversation(c, conv));
        assertThat(asked).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(CsatRequestRepository.Status.PENDING);
                    assertThat(r.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
                });
    }

    @Test
    void should_not_ask_after_a_ticket_nobody_answered_nor_one_baton_closed_itself() {
        start();
        TicketRepository.Row unanswered = handOff("bo", "human please");
        built.desk().claim(unanswered.id(), "bob");
        built.desk().resolve(conversation("bo"), "bob", "spam", "resolved"); // no word to the customer
        TicketRepository.Row automatic = handOff("cy", "human please");
        built.desk().reply(conversation("cy"), "bob", "Hello!");
        built.desk().resolve(conversation("cy"), null, "timeout", "timeout"); // closed by Baton, not an agent
        served("di", "human please");

        assertThat(requestsTo("bo")).as("bot-only for the customer").isEmpty();
        assertThat(requestsTo("cy")).as("closed automatically").isEmpty();
        assertThat(requestsTo("di")).as("the same flow with an agent's word and resolve").hasSize(1);
    }

    @Test
    void should_follow_the_groups_own_setting_over_the_global_default() {
        start(new CsatConfig(false, null, null, null), List.of(
                new Group("support", null, null, null, null, null),
                new Group("billing", null, null, null, null, null, new Group.Csat(true))), ChannelLimits.unlimited());
        served("eve", "human please");
        TicketRepository.Row billing = handOff("fay", "human please");
        built.desk().transfer(billing.id(), "billing");
        built.desk().claim(billing.id(), "bob");
        built.desk().reply(conversation("fay"), "bob", "Your invoice is attached.");
        built.desk().resolve(conversation("fay"), "bob", null, "resolved");

        assertThat(requestsTo("eve")).as("support follows the global 'off'").isEmpty();
        assertThat(requestsTo("fay")).as("billing turned it on").hasSize(1);
    }

    @Test
    void should_not_ask_when_the_channels_reply_window_has_closed() {
        start(CsatConfig.defaults(), List.of(), new ChannelLimits(4096, Duration.ofHours(24), 0, true));
        TicketRepository.Row late = handOff("gil", "human please");
        built.desk().reply(conversation("gil"), "bob", "Looking into it.");
        TicketRepository.Row inTime = handOff("hal", "human please");
        built.desk().reply(conversation("hal"), "bob", "Looking into it.");
        clock.advance(Duration.ofHours(23));
        built.desk().resolve(conversation("hal"), "bob", null, "resolved");
        clock.advance(Duration.ofHours(2));
        built.desk().resolve(conversation("gil"), "bob", null, "resolved");

        assertThat(requestsTo("hal")).hasSize(1);
        assertThat(requestsTo("gil")).as("25 h after the customer's last message").isEmpty();
        assertThat(late.id()).isNotEqualTo(inTime.id());
    }

    @Test
    void should_record_a_typed_5_against_the_ticket_and_thank_without_the_agent_seeing_it() {
        start();
        TicketRepository.Row ticket = served("ivy", "我要转人工");
        int asked = agentSaw.size();

        List<String> told = say("ivy", "５");

        assertThat(told).containsExactly("感谢您的评价！");
        assertThat(ratings("ivy")).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.ticketId()).isEqualTo(ticket.id());
            assertThat(r.comment()).isNull();
        });
        assertThat(agentSaw).hasSize(asked);
        assertThat(built.engine().transcript(CHAT, "ivy", 0, 50)).last().extracting(l -> l.text())
                .isEqualTo("感谢您的评价！");
        long conv = conversation("ivy");
        java.util.Optional<TicketRepository.Row> open = db.withConnection(c -> built.store().tickets()
                .activeFor(c, conv));
        assertThat(open).as("a rating is never a step toward a handoff").isEmpty();
    }

    @Test
    void should_keep_the_comment_and_let_small_talk_pass_before_the_rating() {
        start();
        served("jo", "I want a human");

        List<String> thanks = say("jo", "thanks!");
        List<String> rated = say("jo", "3 - slow reply");

        assertThat(thanks).doesNotContain("Thank you for your rating!");
        assertThat(rated).containsExactly("Thank you for your rating!");
        assertThat(ratings("jo")).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(3);
            assertThat(r.comment()).isEqualTo("slow reply");
        });
    }

    @Test
    void should_answer_a_question_as_usual_and_let_the_request_lapse() {
        start();
        served("kim", "I want a human");

        List<String> answered = say("kim", "where is my order?");
        List<String> later = say("kim", "5");

        assertThat(answered).containsExactly("Your order ships today.");
        assertThat(agentSaw).contains("where is my order?", "5");
        assertThat(later).containsExactly("Your order ships today.");
        assertThat(ratings("kim")).as("the request lapsed with the question").isEmpty();
    }

    @Test
    void should_not_read_a_5_as_a_rating_once_the_request_expired() {
        start();
        served("lu", "I want a human");
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        List<String> told = say("lu", "5");

        assertThat(told).containsExactly("Your order ships today.");
        assertThat(ratings("lu")).isEmpty();
    }

    @Test
    void should_record_one_rating_when_the_customer_answers_twice() {
        start();
        TicketRepository.Row ticket = served("mo", "I want a human");

        List<String> first = say("mo", new InboundContent.Rating(4, "quick")); // a tap on the list
        List<String> second = say("mo", new InboundContent.Rating(2, null));   // another tap on the same list
        List<String> typed = say("mo", "1");

        assertThat(first).containsExactly("Thank you for your rating!");
        assertThat(second).as("a second rating is not thanked again").isEmpty();
        assertThat(typed).as("nothing is pending: an ordinary message").containsExactly("Your order ships today.");
        assertThat(ratings("mo")).singleElement().satisfies(r -> {
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.comment()).isEqualTo("quick");
            assertThat(r.ticketId()).isEqualTo(ticket.id());
        });
    }
}
