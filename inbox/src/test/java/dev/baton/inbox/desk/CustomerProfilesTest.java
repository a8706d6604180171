package dev.baton.inbox.desk;

import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.conversation.Customer;
import dev.baton.core.store.TicketRepository;
import dev.baton.inbox.auth.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Who may change a customer's tier and tags, and what they may be set to, without HTTP. */
class CustomerProfilesTest {

    private final DeskFixture f = new DeskFixture();
    private final List<Long> announced = new ArrayList<>();
    private final CustomerProfiles profiles = new CustomerProfiles(f.store,
            (ConversationEvents) (id, kind) -> announced.add(id), Clock.systemUTC());

    @AfterEach
    void close() {
        f.close();
    }

    private Customer customerOf(long conversationId) {
        long customer = f.conversation(conversationId).customerId();
        return f.db.withConnection(c -> f.store.customers().byId(c, customer)).orElseThrow();
    }

    @Test
    void should_let_the_agent_holding_the_conversation_edit_and_refuse_the_others() {
        TicketRepository.Row t = f.heldBy("bob", "support");
        long conv = t.conversationId();

        CustomerProfiles.Edited e = profiles.edit(agent("bob"), conv, Optional.of(" vip "),
                Optional.of(List.of("gold-card", "gold-card ")));

        assertThat(e).isEqualTo(new CustomerProfiles.Edited(conv, "vip", List.of("gold-card"), true));
        assertThat(customerOf(conv).tier()).isEqualTo("vip");
        assertThat(announced).containsExactly(conv);
        Refusal r = (Refusal) catchThrowable(() -> profiles.edit(agent("cleo"), conv, Optional.of(""),
                Optional.empty()));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(customerOf(conv).tier()).isEqualTo("vip");
    }

    @Test
    void should_let_a_supervisor_edit_any_customer_and_an_agent_none_the_bot_has() {
        long conv = f.botConversation();
        Principal bob = agent("bob");

        assertThat(catchThrowable(() -> profiles.edit(bob, conv, Optional.of("vip"), Optional.empty())))
                .isInstanceOf(Refusal.class);
        CustomerProfiles.Edited e = profiles.edit(supervisor("ann"), conv, Optional.of("vip"), Optional.empty());
        assertThat(e.changed()).isTrue();
        assertThat(profiles.edit(supervisor("ann"), conv, Optional.of("vip"), Optional.empty()).changed())
                .as("the same tier again changes nothing").isFalse();
        assertThat(profiles.edit(supervisor("ann"), conv, Optional.of(""), Optional.empty()).tier())
                .as("a blank tier clears it").isNull();
    }

    @Test
    void should_refuse_a_bad_tier_bad_tags_or_nothing_to_change_without_touching_the_customer() {
        long conv = f.botConversation();
        Principal ann = supervisor("ann");

        assertThat(((Refusal) catchThrowable(() -> profiles.edit(ann, conv, Optional.of("v i p"), Optional.empty())))
                .kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(catchThrowable(() -> profiles.edit(ann, conv, Optional.empty(), Optional.of(List.of("a,b")))))
                .hasMessageContaining("without commas");
        assertThat(catchThrowable(() -> profiles.edit(ann, conv, Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("give tier and/or tags");
        assertThat(((Refusal) catchThrowable(() -> profiles.edit(ann, 9999, Optional.of("vip"), Optional.empty())))
                .kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(customerOf(conv).tier()).isNull();
        assertThat(announced).isEmpty();
    }
}
