package dev.baton.inbox.desk;

import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.CallbackRepository;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Callbacks view: by promised time, overdue marked, an agent's list limited to their groups; closing records who,
 * when and how, once.
 */
class CallbackDeskTest {

    private final DeskFixture f = new DeskFixture();
    private final TestClock clock = TestClock.at(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<String> events = new ArrayList<>();
    private final CallbackDesk desk = new CallbackDesk(f.store, f.agents, (id, kind) -> events.add(kind + ":" + id),
            clock);
    private final CallbackRepository repo = new CallbackRepository();

    @AfterEach
    void close() {
        f.close();
    }

    private long callback(String group, String contact, Instant promised) {
        long conv = f.botConversation();
        return f.db.inTransaction(c -> repo.insertOpen(c, conv, CallbackRepository.Origin.FORM, group, "Li",
                contact, "退款还没到账", "zh", promised, clock.instant()));
    }

    @Test
    void should_list_open_callbacks_by_promised_time_with_the_overdue_ones_marked() {
        long later = callback("support", "13800138000", clock.instant().plus(Duration.ofHours(3)));
        long late = callback("support", "a@example.com", clock.instant().minus(Duration.ofMinutes(5)));

        List<CallbackDesk.Callback> items = desk.list(DeskFixture.agent("bob"), CallbackDesk.Listing.OPEN);

        assertThat(items).extracting(CallbackDesk.Callback::id).containsExactly(late, later);
        assertThat(items).extracting(CallbackDesk.Callback::overdue).containsExactly(true, false);
        assertThat(items.get(0).channel()).isEqualTo("dev");
        assertThat(items.get(0).question()).isEqualTo("退款还没到账");
    }

    @Test
    void should_show_an_agent_only_the_callbacks_of_their_groups_and_a_supervisor_all() {
        long support = callback("support", "13800138000", clock.instant());
        long billing = callback("billing", "13900139000", clock.instant());

        assertThat(desk.list(DeskFixture.agent("bob"), CallbackDesk.Listing.OPEN)).extracting(CallbackDesk.Callback::id)
                .containsExactly(support);
        assertThat(desk.list(DeskFixture.supervisor("ann"), CallbackDesk.Listing.OPEN))
                .extracting(CallbackDesk.Callback::id).containsExactlyInAnyOrder(support, billing);
        assertThatThrownBy(() -> desk.close(DeskFixture.agent("bob"), billing, "reached", "done"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
    }

    @Test
    void should_record_who_called_back_when_and_how_once() {
        long id = callback("billing", "13900139000", clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(20));

        CallbackDesk.Callback done = desk.close(DeskFixture.agent("cleo"), id, "reached", "  refund re-sent  ");

        assertThat(done.status()).isEqualTo("done");
        assertThat(done.closedBy()).isEqualTo("cleo");
        assertThat(done.closedAt()).isEqualTo("2026-12-03T10:20:00Z");
        assertThat(done.outcome()).isEqualTo("reached");
        assertThat(done.outcomeNote()).isEqualTo("refund re-sent");
        assertThat(desk.forConversation(done.conversationId())).singleElement()
                .satisfies(c -> assertThat(c.closedBy()).isEqualTo("cleo"));
        assertThat(desk.list(DeskFixture.agent("cleo"), CallbackDesk.Listing.OPEN)).isEmpty();
        assertThat(desk.list(DeskFixture.agent("cleo"), CallbackDesk.Listing.DONE)).extracting(CallbackDesk.Callback::id)
                .containsExactly(id);
        assertThat(events).containsExactly("CALLBACK:" + done.conversationId());
        assertThatThrownBy(() -> desk.close(DeskFixture.supervisor("ann"), id, "unreachable", null))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
                    assertThat(r.getMessage()).contains("cleo");
                });
    }

    @Test
    void should_refuse_a_bad_outcome_or_note_and_change_nothing() {
        long id = callback("support", "13800138000", clock.instant());

        assertThatThrownBy(() -> desk.close(DeskFixture.agent("bob"), id, "maybe", null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID));
        assertThatThrownBy(() -> desk.close(DeskFixture.agent("bob"), id, "reached", "x".repeat(2001)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID));
        assertThatThrownBy(() -> desk.close(DeskFixture.agent("bob"), 999, "reached", null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThat(desk.list(DeskFixture.agent("bob"), CallbackDesk.Listing.OPEN)).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("open"));
        assertThat(events).isEmpty();
    }
}
