package dev.baton.core.cluster;

import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.Database;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An inbox page on one instance hears of a change made on another: LISTEN/NOTIFY through the shared database. */
class ClusterEventsTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private EmbeddedPostgresDatabase pg;
    private final List<ExecutorService> senders = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        senders.forEach(ExecutorService::shutdownNow);
    }

    private ClusterEvents instance(String id, List<String> heard) {
        Database db = pg.openInstance(3);
        open.add(db);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        senders.add(sender);
        ClusterEvents events = new ClusterEvents(db, id, sender);
        open.add(events);
        events.start((conversationId, kind) -> heard.add(conversationId + ":" + kind));
        return events;
    }

    @Test
    void should_bring_an_event_of_one_instance_to_the_others_and_not_back_to_itself() throws Exception {
        pg = EmbeddedPostgresDatabase.start(2);
        open.add(pg);
        List<String> heardByA = Collections.synchronizedList(new ArrayList<>());
        List<String> heardByB = Collections.synchronizedList(new ArrayList<>());
        List<String> heardByC = Collections.synchronizedList(new ArrayList<>());
        ClusterEvents a = instance("a", heardByA);
        ClusterEvents b = instance("b", heardByB);
        ClusterEvents c = instance("c", heardByC);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.listening() && b.listening() && c.listening());

        a.publish(42, ConversationEvents.Kind.MESSAGE);
        for (int i = 0; i < 50; i++) {
            b.publish(1000 + i, ConversationEvents.Kind.TICKET);
        }

        List<String> fromB = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fromB.add((1000 + i) + ":TICKET");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> heardByC.size() == 51 && heardByA.size() == 50
                && heardByB.size() == 1);
        assertThat(heardByB).containsExactly("42:MESSAGE");
        assertThat(heardByA).as("in the order b published them").containsExactlyElementsOf(fromB);
        assertThat(heardByC).contains("42:MESSAGE").containsSubsequence(fromB);
    }

    @Test
    void should_bring_an_agents_typing_notice_to_the_instance_where_the_customer_may_be_connected() throws Exception {
        pg = EmbeddedPostgresDatabase.start(2);
        open.add(pg);
        List<String> heardByB = Collections.synchronizedList(new ArrayList<>());
        ClusterEvents a = instance("a", new ArrayList<>());
        ClusterEvents b = instance("b", heardByB);
        List<String> typingOnA = Collections.synchronizedList(new ArrayList<>());
        List<String> typingOnB = Collections.synchronizedList(new ArrayList<>());
        a.onTyping((ch, customer, agent) -> typingOnA.add(ch.key() + " " + customer + " " + agent));
        b.onTyping((ch, customer, agent) -> typingOnB.add(ch.key() + " " + customer + " " + agent));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.listening() && b.listening());

        // names and ids as they come: a separator, spaces, Chinese
        a.publishTyping(dev.baton.core.channel.Channel.of("web"), "visitor|42 x", "李 静");
        a.publish(8, ConversationEvents.Kind.MESSAGE); // sent after it: once this arrives, the notice has too

        await().atMost(Duration.ofSeconds(10)).until(() -> heardByB.contains("8:MESSAGE"));
        assertThat(typingOnB).containsExactly("web visitor|42 x 李 静");
        assertThat(typingOnA).as("not back to the sender").isEmpty();
        assertThat(heardByB).as("not a conversation event").containsExactly("8:MESSAGE");
    }

    @Test
    void should_tell_the_other_instances_that_the_knowledge_changed_and_not_the_sender() throws Exception {
        pg = EmbeddedPostgresDatabase.start(2);
        open.add(pg);
        List<String> ignoredA = Collections.synchronizedList(new ArrayList<>());
        List<String> ignoredB = Collections.synchronizedList(new ArrayList<>());
        ClusterEvents a = instance("a", ignoredA);
        ClusterEvents b = instance("b", ignoredB);
        java.util.concurrent.atomic.AtomicInteger syncsOnA = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger syncsOnB = new java.util.concurrent.atomic.AtomicInteger();
        a.onKnowledgeChanged(syncsOnA::incrementAndGet);
        b.onKnowledgeChanged(syncsOnB::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.listening() && b.listening());

        a.publishKnowledgeChanged();
        a.publish(7, ConversationEvents.Kind.STATE); // sent after it: once this arrives, the signal has too

        await().atMost(Duration.ofSeconds(10)).until(() -> ignoredB.contains("7:STATE"));
        assertThat(syncsOnB.get()).isEqualTo(1);
        assertThat(syncsOnA.get()).isZero();
        assertThat(ignoredB).as("not a conversation event").containsExactly("7:STATE");
    }
}
