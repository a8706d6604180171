package dev.baton.core.handoff.routing;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.store.Database;
import dev.baton.core.store.SlaRepository;
import dev.baton.core.store.TicketRepository;
import dev.baton.core.testing.DeliveredSender;
import dev.baton.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-response SLA: a claimed ticket nobody answered within the group's limit goes back to the queue at its
 * place, once per claim, with an alert and a count; a reply that came first means nothing happens. Time passes by
 * {@link TestClock#advance}.
 */
class FirstResponseTimeoutsTest {

    private static final Channel DEV = Channel.of("dev");
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final TestClock clock = TestClock.system();
    private final List<FirstResponseTimeouts.Breach> alerts = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Database db;
    private EngineBuilder.Built built;
    private FirstResponseTimeouts sla;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:sla-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        Routing routing = new Routing(List.of(
                new Group("support", null, null, null, null, null, LIMIT),
                new Group("billing", null, null, null, null, null)));
        built = new EngineBuilder(db).routing(routing).clock(clock).sender(new DeliveredSender(DEV)).build();
        built.engine().start();
        sla = new FirstResponseTimeouts(built.store(), routing,
                (id, kind) -> events.add(kind + ":" + id), alerts::add, meters, clock);
    }

    @AfterEach
    void tearDown() {
        built.close();
        db.close();
    }

    /** A customer presses the human button; returns their ticket (queued in support). */
    private TicketRepository.Row handedOff(String customer) {
        var r = built.engine().accept(List.of(new InboundMessage(DEV, customer + "-1", customer, null, null,
                Instant.now(), new InboundContent.ButtonTap("human", "Talk to a human", true)))).get(0);
        built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(10));
        long conv = built.engine().conversation(DEV, customer).orElseThrow().id();
        return db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
    }

    private TicketRepository.Row ticket(long id) {
        return db.withConnection(c -> built.store().tickets().byId(c, id)).orElseThrow();
    }

    private ConversationState state(TicketRepository.Row t) {
        return db.withConnection(c -> built.store().conversations().byId(c, t.conversationId())).orElseThrow()
                .state();
    }

    private int position(long ticketId) {
        return db.withConnection(c -> built.store().tickets().queuePosition(c, ticketId));
    }

    private double counted() {
        var counter = meters.find("baton.sla.breaches").tag("group", "support").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void should_send_a_claimed_ticket_without_a_reply_back_to_its_place_in_the_queue_and_alert() {
        TicketRepository.Row first = handedOff("ann");
        TicketRepository.Row second = handedOff("ben");
        built.desk().claim(first.id(), "bob");

        clock.advance(LIMIT.minusSeconds(1));
        assertThat(sla.check()).as("not yet").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<FirstResponseTimeouts.Breach> breaches = sla.check();

        assertThat(breaches).singleElement().satisfies(b -> {
            assertThat(b.ticketId()).isEqualTo(first.id());
            assertThat(b.agent()).isEqualTo("bob");
            assertThat(b.group()).isEqualTo("support");
            assertThat(b.limit()).isEqualTo(LIMIT);
            assertThat(b.breaches()).isEqualTo(1);
        });
        TicketRepository.Row back = ticket(first.id());
        assertThat(back.status()).isEqualTo(TicketRepository.Status.OPEN);
        assertThat(back.assignee()).isNull();
        assertThat(back.priority()).as("keeps its priority").isEqualTo(first.priority());
        assertThat(state(first)).isEqualTo(ConversationState.QUEUED);
        assertThat(position(first.id())).as("keeps its place: ahead of the later ticket").isEqualTo(1);
        assertThat(position(second.id())).isEqualTo(2);
        assertThat(alerts).containsExactlyElementsOf(breaches);
        assertThat(events).contains("SLA_BREACH:" + first.conversationId());
        assertThat(counted()).isEqualTo(1.0);
        SlaRepository.Breaches stored = db.withConnection(c -> new SlaRepository().of(c, first.id()));
        assertThat(stored.count()).isEqualTo(1);
        assertThat(stored.lastAgent()).isEqualTo("bob");
        assertThat(Duration.between(stored.lastAt(), breaches.get(0).at()).abs()).isLessThan(Duration.ofMillis(1));

        assertThat(sla.check()).as("once per claim").isEmpty();
        assertThat(counted()).isEqualTo(1.0);
    }

    @Test
    void should_do_nothing_when_the_agent_replied_in_time_even_at_the_last_second() {
        TicketRepository.Row t = handedOff("cy");
        built.desk().claim(t.id(), "bob");
        clock.advance(LIMIT.minusMillis(1));
        built.desk().reply(t.conversationId(), "bob", "Hello, Bob here.");
        clock.advance(Duration.ofMinutes(30));

        assertThat(sla.check()).isEmpty();
        assertThat(ticket(t.id()).assignee()).isEqualTo("bob");
        assertThat(state(t)).isEqualTo(ConversationState.HUMAN);
        assertThat(alerts).isEmpty();
        assertThat(counted()).isZero();
    }

    @Test
    void should_not_breach_when_the_reply_commits_between_the_check_reading_and_its_update() {
        TicketRepository.Row t = handedOff("dee");
        built.desk().claim(t.id(), "bob");
        clock.advance(LIMIT.plusSeconds(1));
        SlaRepository repo = new SlaRepository();
        SlaRepository.Waiting seen = db.withConnection(repo::waitingForFirstReply).get(0);

        built.desk().reply(t.conversationId(), "bob", "Sorry, here I am."); // lands before the check's update

        boolean breached = db.inTransaction(c -> repo.breach(c, seen, clock.instant()));
        assertThat(breached).isFalse();
        assertThat(ticket(t.id()).assignee()).isEqualTo("bob");
        assertThat(db.withConnection(c -> repo.of(c, t.id())).count()).isZero();
    }

    @Test
    void should_count_each_claim_that_lapses_and_start_a_fresh_window_for_each_claim() {
        TicketRepository.Row t = handedOff("eve");
        built.desk().claim(t.id(), "bob");
        clock.advance(LIMIT);
        assertThat(sla.check()).hasSize(1);

        built.desk().claim(t.id(), "cleo");
        clock.advance(LIMIT.minusSeconds(10));
        assertThat(sla.check()).as("cleo's window started at her claim").isEmpty();
        built.desk().claim(t.id(), "cleo"); // claiming again does not restart her window
        clock.advance(Duration.ofSeconds(10));
        List<FirstResponseTimeouts.Breach> second = sla.check();

        assertThat(second).singleElement().satisfies(b -> {
            assertThat(b.agent()).isEqualTo("cleo");
            assertThat(b.breaches()).isEqualTo(2);
        });
        assertThat(alerts).extracting(FirstResponseTimeouts.Breach::agent).containsExactly("bob", "cleo");
        assertThat(counted()).isEqualTo(2.0);
        assertThat(ticket(t.id()).status()).isEqualTo(TicketRepository.Status.OPEN);
    }

    @Test
    void should_leave_unclaimed_tickets_and_groups_without_a_limit_alone() {
        TicketRepository.Row waiting = handedOff("fay");
        TicketRepository.Row billing = handedOff("gus");
        built.desk().transfer(billing.id(), "billing");
        built.desk().claim(billing.id(), "bob");
        clock.advance(Duration.ofHours(2));

        assertThat(sla.check()).isEmpty();
        assertThat(ticket(waiting.id()).status()).isEqualTo(TicketRepository.Status.OPEN);
        assertThat(ticket(billing.id()).assignee()).isEqualTo("bob");
        assertThat(sla.enabled()).isTrue();
        assertThat(sla.limit("billing")).isEmpty();
    }
}
