package dev.baton.app.inbox;

import dev.baton.core.channel.Channel;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.HandoffTicket;
import dev.baton.core.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A desk's recent past written into a running Baton's tables with the times it happened at, counted back from a
 * {@link Clock}'s today (UTC): customers the bot served, handoffs for several reasons to two groups and two agents, first
 * replies, resolutions, and CSAT ratings as the engine stores them (a customer message and its rating row).
 */
final class AnalyticsSeed {

    private final Store store;
    private final LocalDate today;
    private long inbound = 900_000;
    private int customers;

    AnalyticsSeed(Store store, Clock clock) {
        this.store = store;
        this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** {@code days} ago at {@code hh:mm} UTC. */
    Instant at(int days, int hh, int mm) {
        return today.minusDays(days).atTime(hh, mm).toInstant(ZoneOffset.UTC);
    }

    /** A customer who wrote once and was answered by the bot. */
    long botOnly(String channel, Instant when) {
        long conv = conversation(channel);
        says(conv, when);
        return conv;
    }

    /**
     * A customer handed off for {@code reason} to {@code group}; {@code agent} replies after {@code reply} and
     * resolves after {@code resolve} (from the handoff); a {@code score} of 0 means no rating.
     */
    long handoff(String channel, Instant when, HandoffReason reason, String group, String agent, Duration reply,
                 Duration resolve, int score) {
        long conv = conversation(channel);
        says(conv, when);
        HandoffContext context = new HandoffContext(new HandoffTicket.CustomerProfile(conv, Channel.of(channel), "x",
                null, null, null, List.of()), "seed", "en", null, List.of(), List.of(), List.of(), null);
        long ticket = store.db().inTransaction(c -> store.tickets().insert(c, conv, List.of(reason), 40, group, "seed",
                context, 1, when));
        store.db().inTransaction(c -> {
            store.tickets().assign(c, ticket, agent, when.plus(reply.dividedBy(2)));
            store.tickets().recordHumanReply(c, ticket, when.plus(reply));
            store.tickets().resolve(c, ticket, "resolved", null, when.plus(resolve));
            return null;
        });
        if (score > 0) {
            long id = ++inbound;
            Instant t = when.plus(resolve).plusSeconds(60);
            store.db().inTransaction(c -> {
                store.messages().append(c, conv, id, Author.CUSTOMER, null, "[rating] " + score, null, null, t);
                store.ratings().recordFor(c, conv, ticket, id, Channel.of(channel), score, null, t);
                return null;
            });
        }
        return conv;
    }

    /** Two weeks of a small desk, every day a little different (for the page and its screenshots). */
    void twoWeeks() {
        HandoffReason[] reasons = {HandoffReason.EXPLICIT_REQUEST, HandoffReason.KNOWLEDGE_MISS,
                HandoffReason.NEGATIVE_SENTIMENT, HandoffReason.BUTTON, HandoffReason.EXPLICIT_REQUEST};
        for (int d = 13; d >= 1; d--) {
            for (int i = 0; i < 4 + d % 5; i++) {
                long conv = botOnly(i % 3 == 0 ? "web" : "dev", at(d, 9 + i, 10));
                if (i == 1 && d % 2 == 0) {
                    says(conv, at(d - 1, 8, 30));   // back the next morning: the bot's answer did not settle it
                }
            }
            for (int i = 0; i < 1 + d % 3; i++) {
                boolean billing = (d + i) % 4 == 0;
                handoff(i % 2 == 0 ? "dev" : "web", at(d, 14 + i, 0), reasons[(d + i) % reasons.length],
                        billing ? "vip" : "support", billing ? "ann" : "bob", Duration.ofSeconds(40 + 35L * ((d * 7 + i) % 9)),
                        Duration.ofMinutes(8 + 3L * ((d + i) % 6)), 1 + (d * 3 + i) % 5);
            }
        }
    }

    private long conversation(String channel) {
        String id = "seed-" + channel + "-" + (++customers);
        Instant t = today.minusDays(60).atStartOfDay().toInstant(ZoneOffset.UTC);
        return store.db().inTransaction(c -> {
            long customer = store.customers().upsert(c, Channel.of(channel), id, "Customer " + customers, t).id();
            return store.conversations().forCustomer(c, customer, Channel.of(channel), null, t).id();
        });
    }

    private void says(long conv, Instant when) {
        long id = ++inbound;
        store.db().inTransaction(c -> store.messages().append(c, conv, id, Author.CUSTOMER, null, "a question", null,
                null, when));
        store.db().inTransaction(c -> store.messages().append(c, conv, null, Author.BOT, null, "an answer", null, null,
                when.plusSeconds(2)));
    }
}
