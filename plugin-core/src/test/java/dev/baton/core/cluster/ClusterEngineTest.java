package dev.baton.core.cluster;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.OutboxReference;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.config.BotMessages;
import dev.baton.core.engine.EngineBuilder;
import dev.baton.core.engine.EngineSettings;
import dev.baton.core.engine.OutboxWorker;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.InboundLog;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import dev.baton.core.testing.EmbeddedPostgresDatabase;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several engines on one PostgreSQL database, as several Baton instances behind a load balancer: each message is
 * answered once and in order whichever instance stored it, and the work of an instance that died (its lane, a reply
 * it was sending) is taken over once its lease expired.
 */
class ClusterEngineTest {

    private static final Channel DEV = Channel.of("dev");
    /** A channel whose platform confirms each send with a status naming the outbox row (WhatsApp). */
    private static final Channel WA = Channel.of("whatsapp");
    /** Every question is answered confidently with its own text, so that each reply names its message. */
    private static final KnowledgeSearch ECHO = (q, k) -> List.of(new KnowledgeAnswer("faq/" + q + ".md#a", q,
            "answer<" + q + ">", "faq › " + q, 0.95, true));
    private static final Pattern ANSWER = Pattern.compile("answer<([^>]+)>");

    private final List<EngineBuilder.Built> engines = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();
    private final List<String[]> sent = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Cluster> clusters = new java.util.concurrent.ConcurrentHashMap<>();

    private EmbeddedPostgresDatabase pg;

    @BeforeEach
    void startPostgres() throws java.io.IOException {
        pg = EmbeddedPostgresDatabase.start(2);
    }

    @AfterEach
    void stop() throws java.io.IOException {
        engines.forEach(EngineBuilder.Built::close);
        databases.forEach(Database::close);
        pg.close();
    }

    /** A sender that records (customer, question answered, instance) in the order the sends happen. */
    private Sender recording(String instance) {
        return recording(instance, DEV);
    }

    private Sender recording(String instance, Channel channel) {
        return new Sender() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public boolean confirmsDeliveries() {
                return channel.equals(WA);
            }

            @Override
            public SendOutcome send(OutboundMessage m) {
                Matcher a = ANSWER.matcher(m.content().text());
                sent.add(new String[] {m.customerId(), a.find() ? a.group(1) : m.content().text(), instance});
                return new SendOutcome.Delivered(List.of(instance + "-" + m.outboxId()));
            }

            @Override
            public ChannelLimits limits() {
                return ChannelLimits.unlimited();
            }
        };
    }

    private static EngineSettings settings() {
        return new EngineSettings(BotMessages.defaults(), 5, 20, 5, Duration.ofMillis(200), false,
                Duration.ofMinutes(5), EngineSettings.INBOUND_RETENTION);
    }

    private EngineBuilder.Built instance(String id, Duration lease, java.time.Clock clock) {
        Database db = pg.openInstance(6);
        databases.add(db);
        Cluster cluster = Cluster.shared(Store.over(db), id, lease, clock);
        clusters.put(id, cluster);
        EngineBuilder.Built b = new EngineBuilder(db).knowledge(ECHO).sender(recording(id))
                .sender(recording(id, WA)).settings(settings())
                .clock(clock).lanes(2, 1000).cluster(cluster).build();
        engines.add(b);
        b.engine().start();
        return b;
    }

    private static InboundMessage text(String customer, String text) {
        return new InboundMessage(DEV, UUID.randomUUID().toString(), customer, null, null, Instant.now(),
                new InboundContent.Text(text));
    }

    @Test
    void should_answer_each_message_once_and_in_order_when_three_instances_take_deliveries_round_robin()
            throws Exception {
        List<EngineBuilder.Built> three = List.of(instance("a", Duration.ofSeconds(30), java.time.Clock.systemUTC()),
                instance("b", Duration.ofSeconds(30), java.time.Clock.systemUTC()),
                instance("c", Duration.ofSeconds(30), java.time.Clock.systemUTC()));
        int customers = 12;
        int perCustomer = 8;
        ExecutorService senders = Executors.newFixedThreadPool(6);
        for (int cu = 0; cu < customers; cu++) {
            String customer = "cust" + cu;
            int first = cu;
            senders.execute(() -> {
                for (int i = 0; i < perCustomer; i++) { // one customer's messages one after another, to any instance
                    three.get((first + i) % 3).engine().accept(List.of(text(customer, customer + "-q" + i)));
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> sent.size() >= customers * perCustomer);

        Map<String, List<String>> byCustomer = new LinkedHashMap<>();
        List<String> instances = new ArrayList<>();
        synchronized (sent) {
            for (String[] s : sent) {
                byCustomer.computeIfAbsent(s[0], k -> new ArrayList<>()).add(s[1]);
                instances.add(s[2]);
            }
        }
        for (int cu = 0; cu < customers; cu++) {
            String customer = "cust" + cu;
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perCustomer; i++) {
                expected.add(customer + "-q" + i);
            }
            assertThat(byCustomer.get(customer)).as("replies to " + customer).containsExactlyElementsOf(expected);
        }
        assertThat(instances).as("every instance did some of the work").contains("a", "b", "c");
        Store store = Store.over(databases.get(0));
        long done = store.db().withConnection(c -> store.inbound().countByStatus(c, InboundLog.Status.DONE));
        assertThat(done).isEqualTo(customers * perCustomer);
        // a lane is given back just after its last turn (the reply may go out first)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<dev.baton.core.store.LeaseRepository.Lease> lanes = store.db().withConnection(c ->
                    store.leases().list(c, Cluster.LANE));
            assertThat(lanes).as("lanes given back").isEmpty();
        });
    }

    @Test
    void should_take_over_the_lane_of_a_dead_instance_only_after_its_lease_expired() {
        TestClock clock = TestClock.system();
        Duration lease = Duration.ofSeconds(30);
        EngineBuilder.Built survivor = instance("survivor", lease, clock);
        // the dead instance had taken the customer's lane mid-turn, then was killed: its lease is never renewed
        Cluster dead = Cluster.shared(survivor.store(), "dead", lease, clock);
        assertThat(dead.tryAcquire(Cluster.LANE + "dev:alice")).isTrue();

        long id = survivor.engine().accept(List.of(text("alice", "where-is-my-order"))).get(0).inboundId();
        await().atMost(Duration.ofSeconds(10)).until(() -> survivor.engine().queued() == 0);
        assertThat(status(survivor, id)).as("the lane is the dead instance's until its lease ends")
                .isEqualTo(InboundLog.Status.PENDING);
        assertThat(sent).isEmpty();

        clock.advance(lease.plusSeconds(1));
        clusters.get("survivor").heartbeat(); // the survivor's own beat, due every 10 s, comes now

        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)).containsExactly("alice", "where-is-my-order", "survivor");
        assertThat(status(survivor, id)).isEqualTo(InboundLog.Status.DONE);
    }

    @Test
    void should_send_a_reply_that_a_dead_instance_was_sending_once_its_claim_expired() {
        TestClock clock = TestClock.system();
        Duration lease = Duration.ofSeconds(30);
        Database db = pg.openInstance(4);
        databases.add(db);
        Store store = Store.over(db);
        // a reply the dead instance claimed and was sending when it was killed
        long outboxId = db.inTransaction(c -> {
            var cu = store.customers().upsert(c, DEV, "bob", null, clock.instant());
            var conv = store.conversations().forCustomer(c, cu.id(), DEV, null, clock.instant());
            long row = store.outbox().enqueue(c, conv.id(), null, DEV, "bob", null, "BOT", "en",
                    EngineJson.write(EngineJson.mapper(), new OutboundMessage.Text("answer<late-reply>")),
                    clock.instant());
            store.outbox().claimInOrder(c, row, "dead", clock.instant(), clock.instant().plus(lease));
            return row;
        });

        EngineBuilder.Built survivor = instance("survivor", lease, clock);
        await().atMost(Duration.ofSeconds(10)).until(() -> survivor.engine().queued() == 0);
        survivor.outbox().drainOnce();
        assertThat(sent).as("still the dead instance's claim").isEmpty();

        clock.advance(lease.plusSeconds(1));
        clusters.get("survivor").heartbeat();

        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)).containsExactly("bob", "late-reply", "survivor");
        assertThat(db.withConnection(c -> store.outbox().byId(c, outboxId)).orElseThrow().status())
                .isEqualTo(Outbox.Status.SENT);
    }

    @Test
    void should_not_send_again_a_reply_a_dead_instance_had_sent_when_the_platforms_status_names_it() {
        TestClock clock = TestClock.system();
        Duration lease = Duration.ofSeconds(30);
        Database db = pg.openInstance(4);
        databases.add(db);
        Store store = Store.over(db);
        // the dead instance had sent the first of two replies to the platform and was killed before marking it SENT
        long[] rows = db.inTransaction(c -> {
            var cu = store.customers().upsert(c, WA, "15550002", null, clock.instant());
            var conv = store.conversations().forCustomer(c, cu.id(), WA, null, clock.instant());
            long first = store.outbox().enqueue(c, conv.id(), null, WA, "15550002", null, "BOT", "en",
                    EngineJson.write(EngineJson.mapper(), new OutboundMessage.Text("answer<first>")), clock.instant());
            long second = store.outbox().enqueue(c, conv.id(), null, WA, "15550002", null, "BOT", "en",
                    EngineJson.write(EngineJson.mapper(), new OutboundMessage.Text("answer<second>")),
                    clock.instant());
            store.outbox().claimInOrder(c, first, "dead", clock.instant(), clock.instant().plus(lease));
            return new long[] {first, second};
        });
        EngineBuilder.Built a = instance("a", lease, clock);
        EngineBuilder.Built b = instance("b", lease, clock);

        clock.advance(lease.plusSeconds(1)); // the dead instance's claim expired
        clusters.get("a").heartbeat();
        clusters.get("b").heartbeat();
        await().atMost(Duration.ofSeconds(20)).until(() -> db.withConnection(c -> store.outbox().byId(c, rows[0]))
                .orElseThrow().inDoubtAt() != null);
        a.outbox().drainOnce();
        b.outbox().drainOnce();
        assertThat(sent).as("in doubt: not sent again yet, and the next reply waits behind it").isEmpty();

        // the platform's "sent" status for the dead instance's request reaches one of the survivors
        b.engine().deliveryStatus(new DeliveryStatus(WA, "wamid.from-the-dead", "15550002",
                DeliveryStatus.State.SENT, clock.instant(), null, null, OutboxReference.of(rows[0], 1, 1)));

        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)[1]).isEqualTo("second");
        clock.advance(OutboxWorker.RetryPolicy.CONFIRM_GRACE.plusSeconds(1));
        a.outbox().drainOnce();
        b.outbox().drainOnce();
        assertThat(sent).as("the confirmed reply is never sent twice").hasSize(1);
        Outbox.Row first = db.withConnection(c -> store.outbox().byId(c, rows[0])).orElseThrow();
        assertThat(first.status()).isEqualTo(Outbox.Status.SENT);
        assertThat(first.platformIds()).isEqualTo("wamid.from-the-dead");
    }

    @Test
    void should_leave_new_messages_to_the_others_while_draining() {
        EngineBuilder.Built draining = instance("draining", Duration.ofSeconds(30), java.time.Clock.systemUTC());
        EngineBuilder.Built other = instance("other", Duration.ofSeconds(30), java.time.Clock.systemUTC());

        draining.engine().drain();
        draining.engine().accept(List.of(text("carol", "still-open")));

        await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)).containsExactly("carol", "still-open", "other");
        assertThat(draining.engine().claiming()).isFalse();
        assertThat(other.engine().claiming()).isTrue();
    }

    private static InboundLog.Status status(EngineBuilder.Built b, long id) {
        return b.store().db().withConnection(c -> b.store().inbound().byId(c, id)).orElseThrow().status();
    }
}
