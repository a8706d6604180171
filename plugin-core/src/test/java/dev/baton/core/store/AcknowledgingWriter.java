package dev.baton.core.store;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.Customer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The child process of {@link KillDurabilityTest}: writes as Baton does and says so only after each write returned,
 * until it is killed. Mode {@code inbound}: each inbound message is stored in its own transaction, as the webhook ack
 * path does ({@code Engine.accept}), then reported {@code inbound <wamid> .}. Mode {@code sent}: each reply goes
 * through the outbox worker's steps (enqueue, claim, mark SENT, each its own transaction), then is reported
 * {@code sent <id> .}.
 *
 * <p>Args: mode, JDBC URL, user, password. Exits by itself after a minute, so it never outlives a parent that died.
 */
public final class AcknowledgingWriter {

    private AcknowledgingWriter() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Instant end = Instant.now().plus(Duration.ofMinutes(1));
        boolean inboundMode = args[0].equals("inbound");
        try (Database db = Database.open(args[1], args[2], args[3], 2)) {
            Store store = Store.over(db);
            Instant now = Instant.now();
            Customer customer = db.inTransaction(c -> store.customers().upsert(c, Channel.of("whatsapp"), "15550001",
                    null, now));
            Conversation conv = db.inTransaction(c -> store.conversations().forCustomer(c, customer.id(),
                    Channel.of("whatsapp"), "1000", now));
            for (int i = 0; Instant.now().isBefore(end); i++) {
                if (inboundMode) {
                    String wamid = "wamid.kill." + i;
                    db.inTransaction(c -> store.inbound().insert(c, Channel.of("whatsapp"), wamid, "15550001", "{}",
                            Instant.now()));
                    acknowledge(out, "inbound " + wamid);
                } else {
                    long id = db.inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"),
                            "15550001", "1000", "BOT", "en", "{\"text\":\"hi\"}", Instant.now()));
                    db.inTransaction(c -> store.outbox().claimForSending(c, id, Instant.now()));
                    db.inTransaction(c -> {
                        store.outbox().markSent(c, id, List.of("wamid.out." + id), Instant.now());
                        return null;
                    });
                    acknowledge(out, "sent " + id);
                }
            }
        }
        System.exit(3); // not killed in time: the parent reports it
    }

    private static void acknowledge(PrintStream out, String what) {
        out.println(what + " .");
        out.flush();
    }
}
