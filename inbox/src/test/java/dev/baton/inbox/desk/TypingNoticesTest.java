package dev.baton.inbox.desk;

import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.inbox.desk.DeskFixture.agent;
import static dev.baton.inbox.desk.DeskFixture.supervisor;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent's typing notice: only the agent holding the conversation, throttled, only where the channel shows it. */
class TypingNoticesTest {

    private final DeskFixture f = new DeskFixture();
    private final TestClock clock = TestClock.at(Instant.parse("2026-12-01T09:00:00Z"));
    private final List<String> shown = new ArrayList<>();
    private final TypingNotices notices = new TypingNotices(f.store,
            ch -> ch.key().equals("dev") ? (customer, agentName) -> shown.add(agentName + " → " + customer) : null,
            clock);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void should_tell_the_customer_that_the_agent_holding_the_conversation_types_at_most_every_two_seconds() {
        long conv = f.heldBy("bob", "support").conversationId();
        String customer = f.db.withConnection(c -> f.store.customers().byId(c, f.conversation(conv).customerId()))
                .orElseThrow().platformId();

        assertThat(notices.typing(agent("bob"), conv).sent()).isTrue();
        assertThat(notices.typing(agent("bob"), conv).sent()).as("throttled").isFalse();
        clock.advance(TypingNotices.EVERY);
        assertThat(notices.typing(agent("bob"), conv).sent()).isTrue();

        assertThat(shown).containsExactly("bob → " + customer, "bob → " + customer);
    }

    @Test
    void should_pass_each_notice_to_the_other_instances_and_show_theirs_to_this_instances_customers() {
        List<String> relayed = new ArrayList<>();
        TypingNotices clustered = new TypingNotices(f.store,
                ch -> ch.key().equals("dev") ? (customer, agentName) -> shown.add(agentName + " → " + customer) : null,
                clock, (ch, customer, agentName) -> relayed.add(ch.key() + ": " + agentName + " → " + customer));
        long conv = f.heldBy("bob", "support").conversationId();
        String customer = f.db.withConnection(c -> f.store.customers().byId(c, f.conversation(conv).customerId()))
                .orElseThrow().platformId();

        assertThat(clustered.typing(agent("bob"), conv).sent()).isTrue();
        assertThat(clustered.typing(agent("bob"), conv).sent()).as("throttled here, so not relayed either").isFalse();
        clustered.fromElsewhere(dev.baton.core.channel.Channel.of("dev"), "c-on-this-instance", "dan");
        clustered.fromElsewhere(dev.baton.core.channel.Channel.of("wechat"), "c-wechat", "dan");

        assertThat(relayed).containsExactly("dev: bob → " + customer);
        assertThat(shown).containsExactly("bob → " + customer, "dan → c-on-this-instance");
    }

    @Test
    void should_announce_nobody_else_and_nothing_while_the_conversation_is_queued() {
        long held = f.heldBy("bob", "support").conversationId();
        long queued = f.queued("support").conversationId();

        assertThat(notices.typing(supervisor("ann"), held).sent()).as("not ann's conversation").isFalse();
        assertThat(notices.typing(agent("bob"), queued).sent()).as("not claimed yet").isFalse();
        assertThat(notices.typing(agent("bob"), f.botConversation()).sent()).isFalse();
        assertThat(shown).isEmpty();
    }
}
