package dev.baton.app.inbox;

import dev.baton.core.handoff.routing.PositionUpdateConfig;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.inbox.config.InboxConfig;
import dev.baton.core.handoff.routing.PositionUpdates;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.conversation.ConversationEvents;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.ReplyWriter;
import dev.baton.core.store.JdbcKeyValueStore;
import dev.baton.core.store.Store;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unprompted queue-position updates: sent when someone ahead is claimed, through the outbox, never more often than
 * {@code every}, at most {@code max} per ticket, only inside the channel's reply window and message budget, and
 * never once the conversation left the queue. Time passes by {@link TestClock#advance}, not by sleeping: the quiet
 * Baton's engine and the {@link PositionUpdates} the tests drive share one clock.
 */
class PositionUpdatesTest {

    static final String MOVED = "moved up";

    @TempDir
    static Path dir;
    /** Baton with position updates on (every 1s): the scheduled check does the work. */
    static TestBaton live;
    /** Baton with position updates off: each test drives its own {@link PositionUpdates} with chosen limits. */
    static TestBaton quiet;
    /** The clock of the quiet Baton's engine and of the tests' {@link PositionUpdates}. */
    static final TestClock time = TestClock.system();
    /** What {@link #live} is configured with. */
    static final PositionUpdateConfig LIVE = new PositionUpdateConfig(true, Duration.ofSeconds(1), 3, 3,
            null);

    @BeforeAll
    static void start() throws Exception {
        live = TestBaton.start(Files.createDirectories(dir.resolve("live")),
                Map.of("INBOX", "  position-updates: {every: 1s, max: 3}"));
        quiet = TestBaton.start(Files.createDirectories(dir.resolve("quiet")),
                Map.of("INBOX", "  position-updates: {enabled: false}"), engine -> engine.clock(time));
    }

    @AfterAll
    static void stop() {
        live.close();
        quiet.close();
    }

    @BeforeEach
    void emptyQueue() {
        for (TestBaton b : List.of(live, quiet)) {
            for (JsonNode item : b.token("t").getJson("/api/queue").path("items")) {
                if (item.path("status").asText().equals("open")) {
                    b.token("sweeper").postJson("/api/tickets/" + item.path("id").asLong() + "/claim", Map.of());
                }
            }
        }
    }

    @Test
    void should_tell_the_customer_their_new_position_when_someone_ahead_is_claimed() {
        String first = "first-" + System.nanoTime();
        String second = "second-" + System.nanoTime();
        live.customerSays(first, "I want a human");
        JsonNode queued = live.customerSays(second, "I want a human");
        assertThat(queued.path("replies").get(0).path("text").asText()).contains("number 2 in the queue");

        claim(live, first);
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(live, second).contains(MOVED));
        assertThat(texts(live, second)).contains("You have moved up: you are now number 1 in the queue");
        assertThat(live.anonymous().getJson("/api/dev/messages?customer=" + second + "&after=0").path("replies")
                .toString()).contains("\"author\":\"system\"");

        long secondConversation = conversation(live, second);
        claim(live, second);
        // the scheduled check, run once more now: nothing for a conversation that left the queue
        assertThat(updates(live, LIVE, ChannelLimits.unlimited(), Clock.systemUTC()).check())
                .doesNotContain(secondConversation);
        assertThat(count(texts(live, second), MOVED)).as("no update once claimed").isEqualTo(1);
        assertThat(texts(live, first)).doesNotContain(MOVED);
    }

    @Test
    void should_send_nothing_when_the_channel_window_is_closed() {
        String a = "wa-a-" + System.nanoTime();
        String b = "wa-b-" + System.nanoTime();
        quiet.customerSays(a, "I want a human");
        quiet.customerSays(b, "I want a human");
        // A WhatsApp-like channel whose free-form window (here 2 s) runs from the customer's last message.
        PositionUpdates updates = updates(new PositionUpdateConfig(true, Duration.ofSeconds(1), 3, 3, null),
                new ChannelLimits(4096, Duration.ofSeconds(2), 0, true));
        assertThat(updates.check()).isEmpty();
        time.advance(Duration.ofMillis(2200));
        claim(quiet, a);
        assertThat(updates.check()).as("the window closed").doesNotContain(conversation(quiet, b));
        assertThat(texts(quiet, b)).doesNotContain(MOVED);

        PositionUpdates openWindow = updates(new PositionUpdateConfig(true, Duration.ofSeconds(1), 3, 3, null),
                new ChannelLimits(4096, Duration.ofHours(24), 0, true));
        assertThat(openWindow.check()).as("the same update inside a 24 h window").contains(conversation(quiet, b));
    }

    @Test
    void should_respect_the_interval_and_the_cap() {
        List<String> who = new ArrayList<>();
        for (String n : List.of("a", "b", "c", "d", "e")) {
            who.add("cap-" + n + "-" + System.nanoTime());
            quiet.customerSays(who.get(who.size() - 1), "I want a human");
        }
        String last = who.get(4);
        long conv = conversation(quiet, last);
        PositionUpdates updates = updates(new PositionUpdateConfig(true, Duration.ofSeconds(1), 2, 3, null),
                ChannelLimits.unlimited());
        updates.check();
        time.advance(Duration.ofMillis(1100));
        claim(quiet, who.get(0));
        assertThat(updates.check()).contains(conv);
        claim(quiet, who.get(1));
        assertThat(updates.check()).as("less than `every` since the last update").doesNotContain(conv);
        time.advance(Duration.ofMillis(1100));
        assertThat(updates.check()).contains(conv);
        claim(quiet, who.get(2));
        time.advance(Duration.ofMillis(1100));
        assertThat(updates.check()).as("max 2 per ticket").doesNotContain(conv);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(texts(quiet, last), MOVED) == 2);
        assertThat(texts(quiet, last)).contains("number 4 in the queue").contains("number 3 in the queue")
                .doesNotContain("now number 2");
    }

    @Test
    void should_leave_most_of_a_capped_channel_budget_to_the_agents() {
        List<String> who = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            who.add("kf-" + n + "-" + System.nanoTime());
            quiet.customerSays(who.get(who.size() - 1), "I want a human");
        }
        long conv = conversation(quiet, who.get(2));
        // WeCom 微信客服: 5 messages per customer message within 48 h; 3 stay reserved for the agents, and the
        // handoff confirmation already used one, so one update fits.
        ChannelLimits kf = new ChannelLimits(2048, Duration.ofHours(48), 5, false);
        PositionUpdates updates = updates(new PositionUpdateConfig(true, Duration.ofSeconds(1), 3, 3, null),
                kf);
        updates.check();
        time.advance(Duration.ofMillis(1100));
        claim(quiet, who.get(0));
        assertThat(updates.check()).contains(conv);
        time.advance(Duration.ofMillis(1100));
        claim(quiet, who.get(1));
        assertThat(updates.check()).as("a second update would eat into the agents' share").doesNotContain(conv);
        PositionUpdates smallerReserve = updates(
                new PositionUpdateConfig(true, Duration.ofSeconds(1), 3, 2, null), kf);
        assertThat(smallerReserve.check()).contains(conv);
    }

    /**
     * A long queue where nobody moved costs one query for the whole queue, not a position count per ticket: the
     * check runs every few seconds, and counting the tickets ahead of each queued ticket grew with the square of the
     * queue (2,000 queued customers on a sales day: four million row visits per check).
     */
    @Test
    void should_not_count_the_queue_once_per_queued_ticket() {
        for (int i = 0; i < 40; i++) {
            quiet.customerSays("long-" + i + "-" + System.nanoTime(), "I want a human");
        }
        PositionUpdates updates = updates(new PositionUpdateConfig(true, Duration.ofSeconds(1), 3, 3, null),
                ChannelLimits.unlimited());
        updates.check(); // first sight of each ticket: its position is noted
        Store store = quiet.runtime.engine().store();
        long before = positionCounts(store);
        time.advance(Duration.ofMillis(1100));
        assertThat(updates.check()).as("nobody moved").isEmpty();
        assertThat(positionCounts(store) - before).as("per-ticket position counts in one check of 40+ tickets")
                .isZero();
    }

    /** How often H2 ran the per-ticket position count (its query statistics, switched on at first use). */
    private static long positionCounts(Store store) {
        return store.db().withConnection(c -> {
            try (var st = c.createStatement()) {
                st.execute("SET QUERY_STATISTICS TRUE");
                try (var rs = st.executeQuery("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM "
                        + "INFORMATION_SCHEMA.QUERY_STATISTICS WHERE SQL_STATEMENT LIKE "
                        + "'SELECT COUNT(*) FROM handoff_tickets WHERE status = ? AND id <> ?%'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Position updates on the quiet Baton, on the tests' clock. */
    private static PositionUpdates updates(PositionUpdateConfig cfg, ChannelLimits limits) {
        return updates(quiet, cfg, limits, time);
    }

    private static PositionUpdates updates(TestBaton b, PositionUpdateConfig cfg, ChannelLimits limits,
                                           Clock clock) {
        Store store = b.runtime.engine().store();
        return new PositionUpdates(store, new ReplyWriter(store, EngineJson.mapper()),
                new JdbcKeyValueStore(store.db(), clock), cfg, ch -> limits, ConversationEvents.none(),
                b.runtime.engine().outbox()::wake, clock);
    }

    private static JsonNode item(TestBaton b, String customer) {
        for (JsonNode i : b.token("t").getJson("/api/queue").path("items")) {
            if (i.path("customer").path("name").asText().equals(customer)) {
                return i;
            }
        }
        throw new AssertionError("no queue item for " + customer);
    }

    private static long conversation(TestBaton b, String customer) {
        return item(b, customer).path("conversationId").asLong();
    }

    private static void claim(TestBaton b, String customer) {
        TestBaton.Json r = b.token("zoe").postJson("/api/tickets/" + item(b, customer).path("id").asLong() + "/claim",
                Map.of());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private static String texts(TestBaton b, String customer) {
        StringBuilder sb = new StringBuilder();
        b.anonymous().getJson("/api/dev/messages?customer=" + customer + "&after=0").path("replies")
                .forEach(r -> sb.append(r.path("text").asText()).append('\n'));
        return sb.toString();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
