package dev.baton.core.handoff.callback;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.handoff.routing.Group;
import dev.baton.core.handoff.routing.Hours;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.store.Database;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.TicketRepository;
import dev.baton.core.testing.DeliveredSender;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leave a message / call back (留言) on any channel, from plain messages: after a queue time-out and off hours the bot
 * asks, reads the customer's next messages for a phone or email, and the message becomes an OPEN callback with its
 * promised time; a form does it at once. A customer who just keeps chatting keeps their place in the queue.
 */
class CallbackIntakeTest {

    private static final Channel WA = Channel.of("whatsapp");
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final TestClock clock = TestClock.system();
    private final CallbackRepository callbacks = new CallbackRepository();
    private Database db;
    private EngineBuilder.Built built;
    private QueueTimeouts timeouts;
    private int messages;

    /** Baton with one group, support: always open, or closed from yesterday to tomorrow (holidays). */
    private void start(boolean closed) {
        db = Database.open("jdbc:h2:mem:callback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Hours hours = closed ? new Hours("UTC", List.of("mon-sun 09:00-18:00"),
                List.of(today.minusDays(1), today, today.plusDays(1))) : null;
        Routing routing = new Routing(List.of(new Group("support", null, null, null, hours, null)));
        CallbackConfig config = new CallbackConfig(Duration.ofHours(4), null, null);
        built = new EngineBuilder(db).routing(routing).clock(clock).sender(new DeliveredSender(WA)).callbacks(config)
                .build();
        built.engine().start();
        timeouts = new QueueTimeouts(built.store(), new ReplyWriter(built.store(), built.json()),
                new JdbcKeyValueStore(db, clock), TIMEOUT, QueueTimeouts.LEAVE_MESSAGE, ConversationEvents.none(),
                () -> { }, clock, new CallbackIntake(built.store(), routing, config));
    }

    @AfterEach
    void tearDown() {
        built.close();
        db.close();
    }

    /** What the bot said to this message. */
    private List<String> say(String customer, InboundContent content) {
        var r = built.engine().accept(List.of(new InboundMessage(WA, "m" + (++messages), customer, null, null,
                Instant.now(), content))).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(10)).stream().map(built.engine()::text)
                .toList();
    }

    private List<String> say(String customer, String text) {
        return say(customer, new InboundContent.Text(text));
    }

    private long conversation(String customer) {
        return built.engine().conversation(WA, customer).orElseThrow().id();
    }

    private ConversationState state(String customer) {
        return db.withConnection(c -> built.store().conversations().byId(c, conversation(customer))).orElseThrow()
                .state();
    }

    private List<CallbackRepository.Row> open() {
        return db.withConnection(c -> callbacks.withStatus(c, CallbackRepository.Status.OPEN, 50));
    }

    private TicketRepository.Row ticket(long id) {
        return db.withConnection(c -> built.store().tickets().byId(c, id)).orElseThrow();
    }

    private String lastToCustomer(String customer) {
        List<String> lines = built.engine().transcript(WA, customer, 0, 100).stream().map(l -> l.text()).toList();
        return lines.get(lines.size() - 1);
    }

    /** The customer asks for a person and waits past the queue time-out: the bot asks for the contact. */
    private TicketRepository.Row timedOut(String customer) {
        say(customer, new InboundContent.ButtonTap("human", "转人工", true));
        clock.advance(TIMEOUT);
        assertThat(timeouts.check()).contains(conversation(customer));
        return db.withConnection(c -> built.store().tickets().activeFor(c, conversation(customer))).orElseThrow();
    }

    @Test
    void should_take_a_message_from_plain_chat_after_a_queue_timeout() {
        start(false);
        say("li", "你好，我要退款");
        TicketRepository.Row ticket = timedOut("li");
        assertThat(lastToCustomer("li")).contains("留下您的电话或邮箱和问题").contains("前联系您");

        List<String> reminder = say("li", "我的退款还没到账");
        List<String> confirmed = say("li", "电话 138 0013 8000");

        assertThat(reminder).singleElement().asString().contains("电话或邮箱");
        assertThat(open()).singleElement().satisfies(cb -> {
            assertThat(cb.contact()).isEqualTo("138 0013 8000");
            assertThat(cb.question()).isEqualTo("我的退款还没到账");
            assertThat(cb.origin()).isEqualTo(CallbackRepository.Origin.QUEUE_TIMEOUT);
            assertThat(cb.group()).isEqualTo("support");
            assertThat(cb.language()).isEqualTo("zh");
            assertThat(Duration.between(cb.requestedAt(), cb.promisedAt())).as("always open: 4 hours later")
                    .isBetween(Duration.ofHours(4).minusSeconds(1), Duration.ofHours(4).plusMinutes(1));
        });
        assertThat(confirmed).singleElement().asString().contains("已收到您的留言").contains("138 0013 8000");
        TicketRepository.Row closed = ticket(ticket.id());
        assertThat(closed.status()).as("the callback replaces the queued ticket")
                .isEqualTo(TicketRepository.Status.RESOLVED);
        assertThat(closed.resolution()).isEqualTo("callback");
        assertThat(state("li")).isEqualTo(ConversationState.BOT);
    }

    @Test
    void should_offer_it_off_hours_and_promise_business_time_from_the_next_opening() {
        start(true);
        List<String> told = say("nick", new InboundContent.ButtonTap("human", "Talk to a human", true));
        assertThat(told).hasSize(2);
        assertThat(told.get(0)).contains("offline right now");
        assertThat(told.get(1)).contains("leave your phone number or email");

        say("nick", "my parcel never came, call me at +44 20 7946 0958 please");

        LocalDate opening = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        assertThat(open()).singleElement().satisfies(cb -> {
            assertThat(cb.contact()).isEqualTo("+44 20 7946 0958");
            assertThat(cb.question()).contains("my parcel never came");
            assertThat(cb.origin()).isEqualTo(CallbackRepository.Origin.OFF_HOURS);
            assertThat(cb.promisedAt()).as("09:00 on the next open day plus 4 business hours")
                    .isEqualTo(opening.atTime(13, 0).toInstant(ZoneOffset.UTC));
        });
    }

    @Test
    void should_keep_the_queue_place_of_a_customer_who_just_keeps_chatting() {
        start(false);
        TicketRepository.Row ticket = timedOut("mo");

        assertThat(say("mo", "hello?")).as("reminded once").hasSize(1);
        assertThat(say("mo", "anyone there?")).as("not reminded again").isEmpty();
        say("mo", "my order 88812345 is late"); // an order number is no phone number

        assertThat(open()).isEmpty();
        Optional<CallbackRepository.Row> collecting = db.withConnection(c -> callbacks.collecting(c,
                conversation("mo")));
        assertThat(collecting).as("no longer collecting").isEmpty();
        assertThat(state("mo")).isEqualTo(ConversationState.QUEUED);
        assertThat(ticket(ticket.id()).status()).isEqualTo(TicketRepository.Status.OPEN);
        say("mo", "ok my email is mo@example.com");
        assertThat(open()).as("the offer lapsed: a later contact is chat for the agent").isEmpty();
    }

    @Test
    void should_stop_collecting_when_the_customer_declines_or_an_agent_claims() {
        start(false);
        timedOut("ned");
        say("ned", "no thanks");
        say("ned", "13800138000");
        TicketRepository.Row ticket = timedOut("oli");
        built.desk().claim(ticket.id(), "bob");
        say("oli", "ok 13800138000");

        assertThat(open()).isEmpty();
        assertThat(state("ned")).isEqualTo(ConversationState.QUEUED);
        assertThat(state("oli")).isEqualTo(ConversationState.HUMAN);
    }

    @Test
    void should_offer_afresh_when_an_earlier_offer_lapsed_unanswered() {
        start(true);
        say("quinn", new InboundContent.ButtonTap("human", "Talk to a human", true)); // off hours: offered
        QueueTimeouts slow = new QueueTimeouts(built.store(), new ReplyWriter(built.store(), built.json()),
                new JdbcKeyValueStore(db, clock), Duration.ofHours(2), QueueTimeouts.LEAVE_MESSAGE,
                ConversationEvents.none(), () -> { }, clock, new CallbackIntake(built.store(),
                new Routing(List.of(new Group("support", null, null, null, null, null))), CallbackConfig.defaults()));
        clock.advance(Duration.ofHours(2)); // the customer said nothing; the off-hours offer lapsed meanwhile

        assertThat(slow.check()).contains(conversation("quinn"));
        say("quinn", "quinn@example.com, still no refund");

        assertThat(open()).singleElement().satisfies(cb -> {
            assertThat(cb.contact()).isEqualTo("quinn@example.com");
            assertThat(cb.question()).isEqualTo("still no refund");
            assertThat(cb.origin()).isEqualTo(CallbackRepository.Origin.QUEUE_TIMEOUT);
        });
    }

    @Test
    void should_turn_a_form_into_a_callback_on_any_channel_without_a_handoff() {
        start(false);
        List<String> told = say("pat", new InboundContent.CallbackRequest("Pat", "pat@example.com",
                "Can I change my delivery address?"));

        assertThat(open()).singleElement().satisfies(cb -> {
            assertThat(cb.origin()).isEqualTo(CallbackRepository.Origin.FORM);
            assertThat(cb.customerName()).isEqualTo("Pat");
            assertThat(cb.contact()).isEqualTo("pat@example.com");
            assertThat(cb.question()).isEqualTo("Can I change my delivery address?");
        });
        assertThat(told).singleElement().asString().contains("pat@example.com");
        assertThat(state("pat")).as("nobody waits in the chat for it").isEqualTo(ConversationState.BOT);
        Optional<TicketRepository.Row> ticket = db.withConnection(c -> built.store().tickets().activeFor(c,
                conversation("pat")));
        assertThat(ticket).isEmpty();
    }
}
