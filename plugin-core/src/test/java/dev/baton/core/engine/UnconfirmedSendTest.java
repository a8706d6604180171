package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.OutboxReference;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.store.Database;
import dev.baton.core.store.EngineJson;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.Store;
import dev.baton.core.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A single instance killed while it was sending a reply: at the next start the reply may or may not have reached the
 * customer. On a channel whose platform confirms deliveries (WhatsApp's statuses echo the outbox reference) it is not
 * sent again before a grace period; the platform's status confirms it meanwhile, and only without one is it sent
 * again, once. The customer's next reply never overtakes it. Channels that cannot confirm send it again at once.
 */
class UnconfirmedSendTest {

    private static final Channel WA = Channel.of("whatsapp");
    private static final Channel DEV = Channel.of("dev");
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final TestClock clock = TestClock.system();
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private Database db;
    private Store store;
    private EngineBuilder.Built built;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:unconfirmed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        store = Store.over(db);
    }

    @AfterEach
    void tearDown() {
        if (built != null) {
            built.close();
        }
        db.close();
    }

    /** Records each send as its text; {@code confirms}: the platform confirms deliveries. */
    private Sender sender(Channel channel, boolean confirms) {
        return new Sender() {
            @Override
            public Channel channel() {
                return channel;
            }

            @Override
            public SendOutcome send(OutboundMessage m) {
                sent.add(m.content().text());
                return new SendOutcome.Delivered(List.of("wamid." + m.outboxId()));
            }

            @Override
            public ChannelLimits limits() {
                return ChannelLimits.unlimited();
            }

            @Override
            public boolean confirmsDeliveries() {
                return confirms;
            }
        };
    }

    /** Two replies to one customer; the first was being sent when the process was killed. Returns their ids. */
    private long[] killedWhileSendingTheFirst(Channel channel) {
        return db.inTransaction(c -> {
            var cu = store.customers().upsert(c, channel, "15550001", null, clock.instant());
            var conv = store.conversations().forCustomer(c, cu.id(), channel, null, clock.instant());
            long first = store.outbox().enqueue(c, conv.id(), null, channel, "15550001", null, "BOT", "en",
                    EngineJson.write(EngineJson.mapper(), new OutboundMessage.Text("first")), clock.instant());
            long second = store.outbox().enqueue(c, conv.id(), null, channel, "15550001", null, "BOT", "en",
                    EngineJson.write(EngineJson.mapper(), new OutboundMessage.Text("second")), clock.instant());
            store.outbox().claimForSending(c, first, clock.instant());
            return new long[] {first, second};
        });
    }

    private void restart(Sender sender) {
        built = new EngineBuilder(db).sender(sender).clock(clock)
                .retry(new OutboxWorker.RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5), GRACE)).build();
        built.engine().start();
    }

    private Outbox.Row row(long id) {
        return db.withConnection(c -> store.outbox().byId(c, id)).orElseThrow();
    }

    @Test
    void should_not_send_a_reply_again_when_the_platform_confirms_it_was_sent_before_the_kill() {
        long[] ids = killedWhileSendingTheFirst(WA);
        restart(sender(WA, true));

        built.outbox().drainOnce();
        assertThat(sent).as("in doubt: neither it nor the reply after it goes out yet").isEmpty();

        // Meta's "sent" status for the request the killed process made, echoing the reference it set
        built.engine().deliveryStatus(new DeliveryStatus(WA, "wamid.before-the-kill", "15550001",
                DeliveryStatus.State.SENT, clock.instant(), null, null, OutboxReference.of(ids[0], 1, 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
        assertThat(sent).containsExactly("second");
        Outbox.Row first = row(ids[0]);
        assertThat(first.status()).isEqualTo(Outbox.Status.SENT);
        assertThat(first.platformIds()).isEqualTo("wamid.before-the-kill");
        clock.advance(GRACE.plusSeconds(1));
        built.outbox().drainOnce();
        assertThat(sent).as("never sent twice").containsExactly("second");

        // later statuses of that message apply to it as to any sent reply
        built.engine().deliveryStatus(new DeliveryStatus(WA, "wamid.before-the-kill", "15550001",
                DeliveryStatus.State.READ, clock.instant(), null, null));
        assertThat(row(ids[0]).deliveryState()).isEqualTo("READ");
    }

    @Test
    void should_send_a_reply_again_exactly_once_and_first_when_no_status_came_within_the_grace() {
        long[] ids = killedWhileSendingTheFirst(WA);
        restart(sender(WA, true));

        clock.advance(GRACE.minusSeconds(1));
        built.outbox().drainOnce();
        assertThat(sent).as("still within the grace").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 2);
        built.outbox().drainOnce();
        assertThat(sent).as("once each, in order").containsExactly("first", "second");
        assertThat(row(ids[0]).status()).isEqualTo(Outbox.Status.SENT);
        assertThat(row(ids[0]).inDoubtAt()).isNull();
    }

    @Test
    void should_send_a_reply_cut_short_again_at_once_on_a_channel_that_cannot_confirm() {
        long[] ids = killedWhileSendingTheFirst(DEV);
        restart(sender(DEV, false));

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 2);
        assertThat(sent).containsExactly("first", "second");
        assertThat(row(ids[1]).status()).isEqualTo(Outbox.Status.SENT);
    }
}
