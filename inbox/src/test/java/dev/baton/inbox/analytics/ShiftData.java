package dev.baton.inbox.analytics;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.Database;
import dev.baton.core.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Nine days of a small desk (Monday 2 to Tuesday 10 March 2026, UTC), written straight into the tables with the times
 * they happened at; the analytics run at {@link #NOW}, a fixed clock. What each customer did, and what it must count
 * as, is written next to them; the tests read the report against it.
 */
final class ShiftData {

    static final LocalDate FROM = LocalDate.of(2026, 3, 2);
    static final LocalDate TO = LocalDate.of(2026, 3, 10);
    /** The present: G's contact (10 March 20:00) is less than 24 h old, so still pending. */
    static final Instant NOW = Instant.parse("2026-03-11T08:00:00Z");

    private final Database db;
    private final Store store;
    private long inbound = 1000;

    ShiftData(Database db) {
        this.db = db;
        this.store = Store.over(db);
    }

    /** Seeds the data set; returns itself. */
    ShiftData seed() {
        // A (dev): two messages, the bot answers, never back: contained
        long a = conversation("dev", "a");
        says(a, "2026-03-02T10:00:00Z");
        says(a, "2026-03-02T10:05:00Z");
        // B (dev): back 22 h later (first contact returned), then gone for good (second contained)
        long b = conversation("dev", "b");
        says(b, "2026-03-02T11:00:00Z");
        says(b, "2026-03-03T09:00:00Z");
        // C (web): asks for a person; bob (support) replies in 4 min, resolves after 29 min; rates 5
        long c = conversation("web", "c");
        says(c, "2026-03-03T12:00:00Z");
        long tc = ticket(c, "2026-03-03T12:01:00Z", "support", List.of(HandoffReason.EXPLICIT_REQUEST));
        work(tc, "bob", "2026-03-03T12:03:00Z", "2026-03-03T12:05:00Z", "2026-03-03T12:30:00Z", "resolved");
        rates(c, 5, "2026-03-03T12:40:00Z");
        // D (web): upset; cleo (billing) replies in 20 min, resolves after 1 h; rates 2
        long d = conversation("web", "d");
        says(d, "2026-03-04T08:00:00Z");
        long td = ticket(d, "2026-03-04T08:00:00Z", "billing",
                List.of(HandoffReason.NEGATIVE_SENTIMENT, HandoffReason.EXPLICIT_REQUEST));
        work(td, "cleo", "2026-03-04T08:10:00Z", "2026-03-04T08:20:00Z", "2026-03-04T09:00:00Z", "resolved");
        rates(d, 2, "2026-03-04T09:05:00Z");
        // H (dev): the bot had no answer; queued, then returned to the bot without a human reply
        long h = conversation("dev", "h");
        says(h, "2026-03-05T14:00:00Z");
        long th = ticket(h, "2026-03-05T14:00:00Z", "support", List.of(HandoffReason.KNOWLEDGE_MISS));
        work(th, null, null, null, "2026-03-05T14:30:00Z", "returned");
        // I (dev): Sunday 17:00 UTC, which is Monday 01:00 in Shanghai; contained
        long i = conversation("dev", "i");
        says(i, "2026-03-08T17:00:00Z");
        // E (dev): pressed the button on Monday of week 2; bob replies in 1 min, resolves after 11 min; rates 3, then
        // changes it to 4 (the last counts)
        long e = conversation("dev", "e");
        says(e, "2026-03-09T10:00:00Z");
        long te = ticket(e, "2026-03-09T10:00:00Z", "support", List.of(HandoffReason.BUTTON));
        work(te, "bob", "2026-03-09T10:00:30Z", "2026-03-09T10:01:00Z", "2026-03-09T10:11:00Z", "resolved");
        rates(e, 3, "2026-03-09T10:12:00Z");
        rates(e, 4, "2026-03-09T10:13:00Z");
        // F (dev): bob takes the conversation over from the bot: a handoff, but not in the times
        long f = conversation("dev", "f");
        says(f, "2026-03-10T10:00:00Z");
        long tf = ticket(f, "2026-03-10T10:30:00Z", "support", List.of(HandoffReason.AGENT_TAKEOVER));
        work(tf, "bob", "2026-03-10T10:30:00Z", "2026-03-10T10:30:00Z", "2026-03-10T10:40:00Z", "resolved");
        // G (dev): 10 March 20:00, less than 24 h before NOW: pending
        long g = conversation("dev", "g");
        says(g, "2026-03-10T20:00:00Z");
        // outside the range: Z wrote on 1 March and on 11 March
        long z = conversation("dev", "z");
        says(z, "2026-03-01T09:00:00Z");
        says(z, "2026-03-11T07:00:00Z");
        return this;
    }

    long conversation(String channel, String id) {
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        return db.inTransaction(x -> {
            long customer = store.customers().upsert(x, Channel.of(channel), id, id.toUpperCase(), t).id();
            return store.conversations().forCustomer(x, customer, Channel.of(channel), null, t).id();
        });
    }

    void says(long conversation, String at) {
        long id = ++inbound;
        db.inTransaction(x -> store.messages().append(x, conversation, id, Author.CUSTOMER, null, "hello", null, null,
                Instant.parse(at)));
        db.inTransaction(x -> store.messages().append(x, conversation, null, Author.BOT, null, "an answer", null, null,
                Instant.parse(at).plusSeconds(2)));
    }

    /** A rating as the engine stores it: the customer's message and its csat_ratings row, same inbound id. */
    void rates(long conversation, int score, String at) {
        long id = ++inbound;
        Instant t = Instant.parse(at);
        String channel = db.withConnection(x -> store.conversations().byId(x, conversation)).orElseThrow().channel()
                .key();
        db.inTransaction(x -> {
            store.messages().append(x, conversation, id, Author.CUSTOMER, null, "[rating] " + score, null, null, t);
            // the episode rated: the conversation's last resolved ticket (as the satisfaction request names it)
            long ticket = dev.baton.core.store.Sql.count(x, "SELECT MAX(id) FROM handoff_tickets WHERE "
                    + "conversation_id = ? AND status = ?", conversation,
                    dev.baton.core.store.TicketRepository.Status.RESOLVED);
            store.ratings().recordFor(x, conversation, ticket, id, Channel.of(channel), score, null, t);
            return null;
        });
    }

    long ticket(long conversation, String at, String group, List<HandoffReason> reasons) {
        HandoffContext context = new HandoffContext(new HandoffTicket.CustomerProfile(conversation,
                Channel.of("dev"), "x", null, null, null, List.of()), "test", "en", null, List.of(), List.of(),
                List.of(), null);
        return db.inTransaction(x -> store.tickets().insert(x, conversation, reasons, 40, group, "summary", context,
                1, Instant.parse(at)));
    }

    void work(long ticket, String agent, String claimed, String replied, String resolved, String resolution) {
        db.inTransaction(x -> {
            if (agent != null) {
                store.tickets().assign(x, ticket, agent, Instant.parse(claimed));
                store.tickets().recordHumanReply(x, ticket, Instant.parse(replied));
            }
            store.tickets().resolve(x, ticket, resolution, null, Instant.parse(resolved));
            return null;
        });
    }

    static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    static ZoneOffset utc() {
        return ZoneOffset.UTC;
    }
}
