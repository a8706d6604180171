package dev.baton.inbox.desk;

import dev.baton.core.handoff.routing.GroupRouter;
import dev.baton.core.handoff.routing.QueueTimeouts;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.TicketRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue (serving order, positions of the waiting ones) and the team (load, queued per group). */
class QueueViewsTest {

    private final DeskFixture f = new DeskFixture();
    private final QueueViews views = new QueueViews(f.store, f.agents, new GroupRouter(List.of()), DeskFixture.GROUPS,
            new QueueTimeouts(f.store, new ReplyWriter(f.store, f.engine.json()), new JdbcKeyValueStore(f.db,
                    Clock.systemUTC()), Duration.ofMinutes(15), QueueTimeouts.LEAVE_MESSAGE, ConversationEvents.none(),
                    () -> { }, Clock.systemUTC()), new DeskLabels("zh", java.util.Map.of()), Clock.systemUTC());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_number_only_the_tickets_still_waiting() {
        TicketRepository.Row first = f.queued("support");
        TicketRepository.Row held = f.heldBy("bob", "support");
        TicketRepository.Row second = f.queued("billing");

        QueueViews.Queue q = views.queue();

        assertThat(q.items()).extracting(TicketSummary::id).contains(first.id(), held.id(), second.id());
        assertThat(q.items()).filteredOn(i -> i.id() == held.id()).singleElement()
                .satisfies(i -> assertThat(i.position()).isNull())
                .satisfies(i -> assertThat(i.status()).isEqualTo("assigned"));
        assertThat(q.items()).filteredOn(i -> i.position() != null).extracting(TicketSummary::position)
                .containsExactly(1, 2);
        assertThat(q.items().get(0).reasons()).containsExactly("explicit_request");
        assertThat(q.items().get(0).reasonLabels()).as("in the desk's language").containsExactly("客户要求人工");
        assertThat(q.items().get(0).customer().tier()).as("no tier reads as empty").isEmpty();
    }

    @Test
    void should_label_the_queue_in_the_language_the_agent_chose_keeping_the_summary_as_written() {
        f.queued("support");

        QueueViews.Queue english = views.queue("en");
        QueueViews.Queue desk = views.queue(null);

        assertThat(english.items().get(0).reasonLabels()).containsExactly("asked for a person");
        assertThat(desk.items().get(0).reasonLabels()).containsExactly("客户要求人工");
        assertThat(english.items().get(0).summary()).isEqualTo(desk.items().get(0).summary());
    }

    @Test
    void should_show_each_agents_load_and_each_groups_queue() {
        f.heldBy("bob", "support");
        f.queued("billing");
        f.queued("billing");

        QueueViews.Team team = views.team();

        assertThat(team.agents()).filteredOn(a -> a.name().equals("bob")).singleElement()
                .isEqualTo(new QueueViews.Agent("bob", "agent", List.of("support", "vip"), 2, 1));
        assertThat(team.agents()).filteredOn(a -> a.name().equals("ann")).singleElement()
                .satisfies(a -> assertThat(a.role()).isEqualTo("supervisor"));
        assertThat(team.groups()).containsExactly(new QueueViews.Group("support", true, 0),
                new QueueViews.Group("vip", true, 0), new QueueViews.Group("billing", true, 2));
    }
}
