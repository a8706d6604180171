package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.handoff.routing.Group;
import dev.baton.core.handoff.routing.Hours;
import dev.baton.core.handoff.routing.Routing;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.core.store.Database;
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

/**
 * What a customer may see of their own conversation through {@link PassiveReplies}: their transcript without the
 * lines meant for agents, and the state with the agent's name or the queue place (a web widget shows both).
 */
class CustomerViewTest {

    private static final Channel DEV = Channel.of("dev");
    private static final KnowledgeSearch SHOP = (q, k) -> q.contains("退货")
            ? List.of(new KnowledgeAnswer("faq/returns.md#how", "怎么退货？", "签收后 7 天内可申请无理由退货。",
            "faq/returns.md › 怎么退货？", 0.9, true))
            : List.of();

    private Database db;
    private EngineBuilder.Built built;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:view-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    @AfterEach
    void tearDown() {
        if (built != null) {
            built.close();
        }
        db.close();
    }

    private void start(EngineBuilder b) {
        built = b.build();
        built.engine().start();
    }

    private void say(String customer, InboundContent content) {
        long id = built.engine().accept(List.of(new InboundMessage(DEV, UUID.randomUUID().toString(), customer, null,
                null, Instant.now(), content))).get(0).inboundId();
        assertThat(built.engine().awaitProcessed(id, Duration.ofSeconds(10))).isTrue();
    }

    private long conversationOf(String customer) {
        return built.engine().conversation(DEV, customer).orElseThrow().id();
    }

    @Test
    void should_show_the_customer_their_lines_and_every_reply_but_no_event_and_no_file_name() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));
        say("amy", new InboundContent.Event(InboundContent.EventKind.SUBSCRIBE, null));
        say("amy", new InboundContent.Text("怎么退货？"));
        say("amy", new InboundContent.ButtonTap("human", "转人工", true));
        long conv = conversationOf("amy");
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
        built.desk().claim(ticket.id(), "ann");
        built.desk().reply(conv, "ann", "您好，我是 Ann。");
        built.desk().resolve(conv, "ann", "done", "resolved");

        List<PassiveReplies.Line> lines = built.engine().transcript(DEV, "amy", 0, 100);

        assertThat(lines).extracting(l -> l.author() + ":" + l.text())
                .doesNotContain("SYSTEM:[event] subscribe")
                .contains("CUSTOMER:怎么退货？", "CUSTOMER:[button] 转人工", "HUMAN:您好，我是 Ann。");
        assertThat(lines.get(0).author()).as("the welcome the event produced is shown").isEqualTo(Author.BOT);
        assertThat(lines).filteredOn(l -> l.author() == Author.BOT).extracting(PassiveReplies.Line::text)
                .anyMatch(t -> t.contains("7 天内") && t.contains("来源：怎么退货？"))
                .noneMatch(t -> t.contains("faq/returns.md"));
        assertThat(lines).filteredOn(l -> l.author() == Author.HUMAN).singleElement()
                .extracting(PassiveReplies.Line::authorName).isEqualTo("ann");
        assertThat(lines.get(lines.size() - 1).author()).as("the back-to-bot notice").isEqualTo(Author.SYSTEM);
        assertThat(lines).filteredOn(l -> l.author() == Author.CUSTOMER).allMatch(l -> l.inboundId() != null);
        assertThat(lines).extracting(PassiveReplies.Line::id).isSorted();

        // after an id: only what came later; a limit keeps the latest lines
        long cursor = lines.get(2).id();
        assertThat(built.engine().transcript(DEV, "amy", cursor, 100)).isEqualTo(lines.subList(3, lines.size()));
        assertThat(built.engine().transcript(DEV, "amy", 0, 2)).isEqualTo(lines.subList(lines.size() - 2,
                lines.size()));
        assertThat(built.engine().transcript(DEV, "nobody", 0, 100)).isEmpty();
    }

    @Test
    void should_tell_the_queue_place_and_wait_then_the_agents_name() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()).averageHandleTime(
                Duration.ofMinutes(4)));
        say("bea", new InboundContent.ButtonTap("human", "转人工", true));
        say("cal", new InboundContent.ButtonTap("human", "转人工", true));

        PassiveReplies.ConversationStatus queued = built.engine().conversation(DEV, "cal").orElseThrow();

        assertThat(queued.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(queued.agent()).isNull();
        assertThat(queued.queue()).isEqualTo(new PassiveReplies.Queue(2, Duration.ofMinutes(8), false));

        long conv = conversationOf("cal");
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv)).orElseThrow();
        built.desk().claim(ticket.id(), "bob");
        PassiveReplies.ConversationStatus served = built.engine().conversation(DEV, "cal").orElseThrow();

        assertThat(served.state()).isEqualTo(ConversationState.HUMAN);
        assertThat(served.agent()).isEqualTo("bob");
        assertThat(served.queue()).isNull();
        assertThat(built.engine().conversation(DEV, "bea").orElseThrow().queue().position())
                .as("bea moved up when cal was taken, though she came first anyway").isEqualTo(1);
    }

    @Test
    void should_say_when_the_queue_s_group_is_closed_now() {
        // a group open one minute a week, on a day that is not today: closed now
        String day = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                .get((java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() + 2) % 7);
        Group night = new Group("default", List.of(), List.of(), List.of(),
                new Hours("UTC", List.of(day + " 03:00-03:01"), List.of()), null);
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender())
                .routing(new Routing(List.of(night))));
        say("dan", new InboundContent.ButtonTap("human", "转人工", true));

        assertThat(built.engine().conversation(DEV, "dan").orElseThrow().queue().groupClosed()).isTrue();
    }
}
