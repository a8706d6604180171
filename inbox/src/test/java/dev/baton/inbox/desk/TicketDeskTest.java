package dev.baton.inbox.desk;

import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Message;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Who may claim, assign, transfer, reply and resolve, without HTTP: groups, capacity, someone else's work, the
 * supervisor's rights, and a reply to a conversation the bot has (a takeover).
 */
class TicketDeskTest {

    private final DeskFixture f = new DeskFixture();
    private final TicketDesk desk = f.desk;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_let_an_agent_claim_a_ticket_of_their_group_and_refuse_another_groups() {
        TicketRepository.Row support = f.queued("support");
        TicketRepository.Row billing = f.queued("billing");

        assertThat(desk.claim(agent("bob"), support.id())).isEqualTo(new TicketDesk.Assigned(support.id(), "bob"));
        assertThat(f.conversation(support.conversationId()).state()).isEqualTo(ConversationState.HUMAN);

        assertThatThrownBy(() -> desk.claim(agent("bob"), billing.id())).isInstanceOf(Refusal.class)
                .hasMessage("ticket " + billing.id() + " is for group billing, not yours")
                .satisfies(e -> assertThat(((Refusal) e).kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
        assertThat(f.ticket(billing.id()).assignee()).isNull();
        assertThat(desk.claim(supervisor("ann"), billing.id()).assignee()).as("a supervisor serves every group")
                .isEqualTo("ann");
    }

    @Test
    void should_refuse_a_claim_beyond_the_agents_capacity() {
        desk.claim(agent("cleo"), f.queued("billing").id());
        TicketRepository.Row second = f.queued("billing");

        Refusal r = (Refusal) catchThrowable(() -> desk.claim(agent("cleo"), second.id()));

        assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(r).hasMessage("you already hold 1 conversations (capacity 1)");
        assertThat(f.load("cleo")).isEqualTo(1);
    }

    @Test
    void should_refuse_a_claim_of_a_ticket_someone_else_holds_and_a_ticket_that_does_not_exist() {
        TicketRepository.Row held = f.heldBy("ann", "support");

        assertThatThrownBy(() -> desk.claim(agent("bob"), held.id())).isInstanceOf(HumanDesk.Refused.class)
                .hasMessageContaining("already with ann");
        assertThat(((Refusal) catchThrowable(() -> desk.claim(agent("bob"), 9999))).kind())
                .isEqualTo(Refusal.Kind.NOT_FOUND);
    }

    @Test
    void should_treat_a_transfer_to_oneself_exactly_as_a_claim() {
        TicketRepository.Row billing = f.queued("billing");
        Throwable claim = catchThrowable(() -> desk.claim(agent("bob"), billing.id()));
        Throwable toSelf = catchThrowable(() -> desk.transfer(agent("bob"), billing.id(),
                new TicketDesk.Transfer("bob", null)));
        assertThat(toSelf).isInstanceOf(Refusal.class).hasMessage(claim.getMessage());

        TicketRepository.Row support = f.queued("support");
        assertThat(desk.transfer(agent("bob"), support.id(), new TicketDesk.Transfer(" bob ", "vip")))
                .isEqualTo(new TicketDesk.Assigned(support.id(), "bob"));
    }

    @Test
    void should_let_only_a_supervisor_transfer_to_another_agent_and_only_to_a_known_one() {
        TicketRepository.Row t = f.queued("support");
        Principal bob = agent("bob");

        assertThat(((Refusal) catchThrowable(() -> desk.transfer(bob, t.id(), new TicketDesk.Transfer("cleo", null))))
                .getMessage()).startsWith("transferring to another agent needs the supervisor role");
        assertThat(((Refusal) catchThrowable(() -> desk.transfer(supervisor("ann"), t.id(),
                new TicketDesk.Transfer("nobody", null)))).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(((Refusal) catchThrowable(() -> desk.assign(bob, t.id(), "cleo"))).kind())
                .isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(f.ticket(t.id()).assignee()).isNull();

        assertThat(desk.transfer(supervisor("ann"), t.id(), new TicketDesk.Transfer("cleo", null)))
                .isEqualTo(new TicketDesk.Assigned(t.id(), "cleo"));
        assertThat(f.ticket(t.id()).assignee()).isEqualTo("cleo");
    }

    @Test
    void should_transfer_to_a_known_group_only_the_ticket_the_agent_holds_or_one_still_queued() {
        TicketRepository.Row mine = f.heldBy("bob", "support");
        TicketRepository.Row others = f.heldBy("cleo", "billing");

        assertThat(desk.transfer(agent("bob"), mine.id(), new TicketDesk.Transfer(null, "billing")))
                .isEqualTo(new TicketDesk.Queued(mine.id(), "billing"));
        assertThat(f.ticket(mine.id()).assignee()).isNull();
        assertThat(f.conversation(mine.conversationId()).state()).isEqualTo(ConversationState.QUEUED);

        assertThat(catchThrowable(() -> desk.transfer(agent("bob"), others.id(),
                new TicketDesk.Transfer(null, "support")))).hasMessage("ticket " + others.id() + " is with cleo");
        assertThat(catchThrowable(() -> desk.transfer(agent("bob"), mine.id(), new TicketDesk.Transfer(null,
                "sales")))).hasMessage("unknown group sales; groups: support, vip, billing");
        assertThat(catchThrowable(() -> desk.transfer(agent("bob"), mine.id(), new TicketDesk.Transfer(" ", ""))))
                .hasMessage("give a group or an agent");
        assertThat(f.ticket(others.id()).assignee()).isEqualTo("cleo");
    }

    @Test
    void should_take_a_conversation_over_from_the_bot_with_a_ticket_in_the_agents_first_group() {
        long conv = f.botConversation();

        TicketDesk.Replied r = desk.reply(agent("bob"), conv, "  Bob here, I'll handle it.  ");

        assertThat(r.takeover()).isTrue();
        TicketRepository.Row t = f.ticket(r.ticketId());
        assertThat(t.assignee()).isEqualTo("bob");
        assertThat(t.group()).isEqualTo("support");
        assertThat(t.reasons()).extracting(x -> x.code()).containsExactly("agent_takeover");
        assertThat(f.conversation(conv).state()).isEqualTo(ConversationState.HUMAN);
        assertThat(desk.reply(agent("bob"), conv, "and more").takeover()).as("the second reply is no takeover")
                .isNull();
    }

    @Test
    void should_refuse_a_takeover_beyond_capacity_without_side_effects() {
        f.heldBy("cleo", "billing");
        long conv = f.botConversation();

        Refusal r = (Refusal) catchThrowable(() -> desk.reply(agent("cleo"), conv, "Cleo here"));

        assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
        assertThat(f.conversation(conv).state()).isEqualTo(ConversationState.BOT);
        Optional<TicketRepository.Row> ticket = f.db.withConnection(c -> f.store.tickets().activeFor(c, conv));
        List<Message> transcript = f.db.withConnection(c -> f.store.messages().transcript(c, conv));
        assertThat(ticket).isEmpty();
        assertThat(transcript).isEmpty();
    }

    @Test
    void should_refuse_replies_and_resolves_on_a_conversation_another_agent_holds_but_not_to_a_supervisor() {
        TicketRepository.Row cleos = f.heldBy("cleo", "billing");
        long conv = cleos.conversationId();

        assertThat(catchThrowable(() -> desk.reply(agent("bob"), conv, "hi")))
                .hasMessage("conversation " + conv + " is with cleo");
        assertThat(catchThrowable(() -> desk.resolve(agent("bob"), conv, null, TicketDesk.Resolution.RESOLVED)))
                .hasMessage("conversation " + conv + " is with cleo");

        assertThat(desk.resolve(supervisor("ann"), conv, "done", TicketDesk.Resolution.RETURNED))
                .isEqualTo(new TicketDesk.Resolved(conv, ConversationState.BOT, "returned"));
        assertThat(f.conversation(conv).state()).isEqualTo(ConversationState.BOT);
        assertThat(f.ticket(cleos.id()).resolution()).isEqualTo("returned");
    }

    @Test
    void should_refuse_an_empty_or_overlong_reply_and_an_overlong_note() {
        TicketRepository.Row t = f.heldBy("bob", "support");
        long conv = t.conversationId();

        assertThat(catchThrowable(() -> desk.reply(agent("bob"), conv, "  "))).hasMessage("text is required");
        assertThat(catchThrowable(() -> desk.reply(agent("bob"), conv, "x".repeat(4001))))
                .hasMessage("text is longer than 4000 characters");
        assertThat(catchThrowable(() -> desk.resolve(agent("bob"), conv, "n".repeat(2001),
                TicketDesk.Resolution.RESOLVED))).hasMessage("note is longer than 2000 characters");
        assertThat(f.conversation(conv).state()).isEqualTo(ConversationState.HUMAN);
        assertThat(TicketDesk.Resolution.of("returned")).hasValue(TicketDesk.Resolution.RETURNED);
        assertThat(TicketDesk.Resolution.of("closed")).isEmpty();
    }
}
