package dev.baton.core.store;

import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.HandoffContext;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.TurnSignals;

import dev.baton.core.state.KeyValueStore;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.DeliveryStatus;
import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Customer;
import dev.baton.core.conversation.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository contract. Each database (H2, PostgreSQL) runs the same tests through a subclass that supplies
 * a migrated {@link Database}.
 */
abstract class StoreContract {

    protected abstract Database db();

    private Store store;
    private final Instant now = Instant.parse("2026-11-21T08:00:00Z");
    private static final HandoffContext CONTEXT = new HandoffContext(null, "test", "en", null, null, null, null, null);
    /** Signals as the engine stores them with a customer message: every field must read back as written. */
    private static final TurnSignals SIGNALS = new TurnSignals(new TriageSignals("zh",
            new TriageSignals.ExplicitRequest(false, TriageSignals.Method.NONE, null, 0.0, false),
            new TriageSignals.Sentiment(TriageSignals.Polarity.NEGATIVE, -0.62),
            new TriageSignals.IntentMatch("refund_dispute", 0.91, TriageSignals.Method.SIMILARITY, "退款不到账"),
            new TriageSignals.Repetition(true, 0.93, 0, false), 850), true, 1, 420);

    @org.junit.jupiter.api.BeforeEach
    void repositories() {
        store = Store.over(db());
    }

    private java.util.Optional<InboundLog.Row> inbound(long id) {
        return db().withConnection(c -> store.inbound().byId(c, id));
    }

    private String uid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void should_create_customer_once_when_upserted_twice() {
        String pid = uid();
        Customer a = db().inTransaction(c -> store.customers().upsert(c, Channel.of("dev"), pid, null, now));
        Customer b = db().inTransaction(c -> store.customers().upsert(c, Channel.of("dev"), pid, "Li Lei", now));
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.displayName()).isEqualTo("Li Lei");
        db().inTransaction(c -> {
            store.customers().updateProfile(c, a.id(), "gold", List.of("vip", "wholesale"), "zh");
            return null;
        });
        Customer read = db().withConnection(c -> store.customers().byId(c, a.id())).orElseThrow();
        assertThat(read.tier()).isEqualTo("gold");
        assertThat(read.tags()).containsExactly("vip", "wholesale");
        assertThat(read.createdAt()).isEqualTo(now);
    }

    @Test
    void should_keep_one_conversation_per_customer_and_guard_state_transitions() {
        Customer cu = db().inTransaction(c -> store.customers().upsert(c, Channel.of("whatsapp"), uid(), null, now));
        Conversation conv = db().inTransaction(c -> store.conversations().forCustomer(c, cu.id(), Channel.of("whatsapp"),
                "acct", now));
        Conversation again = db().inTransaction(c -> store.conversations().forCustomer(c, cu.id(), Channel.of("whatsapp"),
                "acct", now));
        assertThat(again.id()).isEqualTo(conv.id());
        assertThat(conv.state()).isEqualTo(ConversationState.BOT);

        boolean queued = db().inTransaction(c -> store.conversations().transition(c, conv.id(), ConversationState.BOT,
                ConversationState.QUEUED, null, "billing", 50, now));
        boolean stale = db().inTransaction(c -> store.conversations().transition(c, conv.id(), ConversationState.BOT,
                ConversationState.QUEUED, null, "other", 1, now));
        assertThat(queued).isTrue();
        assertThat(stale).isFalse();
        Conversation read = db().withConnection(c -> store.conversations().byId(c, conv.id())).orElseThrow();
        assertThat(read.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(read.group()).isEqualTo("billing");
        assertThat(read.priority()).isEqualTo(50);

        Instant later = now.plus(5, ChronoUnit.MINUTES);
        db().inTransaction(c -> {
            store.conversations().touchCustomerMessage(c, conv.id(), later);
            store.conversations().returnToBot(c, conv.id(), later);
            return null;
        });
        Conversation back = db().withConnection(c -> store.conversations().byId(c, conv.id())).orElseThrow();
        assertThat(back.state()).isEqualTo(ConversationState.BOT);
        assertThat(back.lastCustomerMessageAt()).isEqualTo(later);
    }

    @Test
    void should_read_back_look_ups_and_find_the_conversations_a_look_up_answered() {
        Conversation answered = newConversation(Channel.of("dev"));
        Conversation failed = newConversation(Channel.of("dev"));
        var found = new dev.baton.core.conversation.LookupTrace("order_status",
                dev.baton.core.conversation.LookupTrace.Outcome.FOUND, java.util.Map.of("order", "20251120-8891"),
                null, "订单 20251120-8891：已发货");
        var down = new dev.baton.core.conversation.LookupTrace("order_status",
                dev.baton.core.conversation.LookupTrace.Outcome.FAILED, java.util.Map.of("order", "20251121-0002"),
                null, "status: HTTP 503");
        TurnSignals withFound = SIGNALS.withLookups(List.of(found));
        db().inTransaction(c -> {
            store.messages().append(c, answered.id(), null, Author.CUSTOMER, null, "我的订单到哪了", null, withFound, now);
            store.messages().append(c, failed.id(), null, Author.CUSTOMER, null, "订单到哪了", null,
                    SIGNALS.withLookups(List.of(down)), now);
            return null;
        });

        assertThat(db().withConnection(c -> store.messages().transcript(c, answered.id())).get(0).signals())
                .isEqualTo(withFound);
        java.util.Set<Long> sinceBefore = db().withConnection(c -> store.messages().answeredByLookups(c,
                now.minusSeconds(60)));
        java.util.Set<Long> sinceAfter = db().withConnection(c -> store.messages().answeredByLookups(c,
                now.plusSeconds(60)));
        assertThat(sinceBefore).contains(answered.id()).doesNotContain(failed.id());
        assertThat(sinceAfter).doesNotContain(answered.id());
    }

    @Test
    void should_return_transcript_in_order_with_citations_and_signals() {
        Conversation conv = newConversation(Channel.of("dev"));
        db().inTransaction(c -> {
            store.messages().append(c, conv.id(), 1L, Author.CUSTOMER, null, "怎么退货？", null, SIGNALS, now);
            store.messages().append(c, conv.id(), null, Author.BOT, null, "七天无理由退货", "faq/returns.md#退货", null,
                    now.plusSeconds(1));
            store.messages().append(c, conv.id(), null, Author.HUMAN, "Ann", "I can help", null, null,
                    now.plusSeconds(2));
            return null;
        });
        List<Message> t = db().withConnection(c -> store.messages().transcript(c, conv.id()));
        assertThat(t).extracting(Message::author).containsExactly(Author.CUSTOMER, Author.BOT, Author.HUMAN);
        assertThat(t.get(0).signals()).isEqualTo(SIGNALS);
        assertThat(t.get(1).signals()).isNull();
        assertThat(t.get(1).citation()).isEqualTo("faq/returns.md#退货");
        List<Message> recent = db().withConnection(c -> store.messages().recent(c, conv.id(), 2));
        assertThat(recent).extracting(Message::text).containsExactly("七天无理由退货", "I can help");
    }

    @Test
    void should_store_a_delivery_that_repeats_a_stored_message_together_with_its_new_ones() {
        // a platform re-delivers a batch in which one message is already stored: the duplicate must not cost the
        // new messages of the same transaction (PostgreSQL aborts a transaction on a failed statement)
        String pid = uid();
        long old = db().inTransaction(c -> store.inbound().insert(c, Channel.of("whatsapp"), "wamid.a" + pid, pid, "{}",
                now)).id();
        List<InboundLog.Insert> batch = db().inTransaction(c -> List.of(
                store.inbound().insert(c, Channel.of("whatsapp"), "wamid.a" + pid, pid, "{}", now),
                store.inbound().insert(c, Channel.of("whatsapp"), "wamid.b" + pid, pid, "{}", now)));

        assertThat(batch.get(0).duplicate()).isTrue();
        assertThat(batch.get(0).id()).isEqualTo(old);
        assertThat(batch.get(1).duplicate()).isFalse();
        assertThat(db().<List<InboundLog.Row>>withConnection(c -> store.inbound().pending(c, 10_000)))
                .extracting(InboundLog.Row::platformMessageId).contains("wamid.a" + pid, "wamid.b" + pid);
    }

    @Test
    void should_deduplicate_inbound_on_channel_and_platform_id() {
        String mid = "1234567890123456789"; // above 2^53: stays a string
        String pid = uid();
        InboundLog.Insert first = db().inTransaction(c -> store.inbound().insert(c, Channel.of("wechat"), mid + pid, pid,
                "{}", now));
        InboundLog.Insert dup = db().inTransaction(c -> store.inbound().insert(c, Channel.of("wechat"), mid + pid, pid,
                "{}", now));
        InboundLog.Insert otherChannel = db().inTransaction(c -> store.inbound().insert(c, Channel.of("whatsapp"),
                mid + pid, pid, "{}", now));
        assertThat(first.duplicate()).isFalse();
        assertThat(dup.duplicate()).isTrue();
        assertThat(dup.id()).isEqualTo(first.id());
        assertThat(otherChannel.duplicate()).isFalse();

        assertThat(db().<List<InboundLog.Row>>withConnection(c -> store.inbound().pending(c, 10_000)))
                .extracting(InboundLog.Row::id).contains(first.id());
        db().inTransaction(c -> {
            store.inbound().markDone(c, first.id(), now);
            return null;
        });
        assertThat(db().<List<InboundLog.Row>>withConnection(c -> store.inbound().pending(c, 10_000)))
                .extracting(InboundLog.Row::id).doesNotContain(first.id());
    }

    @Test
    void should_purge_only_processed_inbound_rows_older_than_the_cutoff_in_batches() {
        String pid = uid();
        Instant old = now.minus(30, ChronoUnit.DAYS);
        Instant cutoff = now.minus(14, ChronoUnit.DAYS);
        List<Long> oldDone = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String mid = "old-done-" + i + pid;
            oldDone.add(db().inTransaction(c -> {
                long id = store.inbound().insert(c, Channel.of("whatsapp"), mid, pid, "{}", old).id();
                store.inbound().markDone(c, id, old);
                return id;
            }));
        }
        long recentDone = db().inTransaction(c -> {
            long id = store.inbound().insert(c, Channel.of("whatsapp"), "recent-done" + pid, pid, "{}", old).id();
            store.inbound().markDone(c, id, now);
            return id;
        });
        long oldPending = db().inTransaction(c -> store.inbound().insert(c, Channel.of("whatsapp"), "old-pending" + pid, pid,
                "{}", old).id());
        long oldFailed = db().inTransaction(c -> {
            long id = store.inbound().insert(c, Channel.of("whatsapp"), "old-failed" + pid, pid, "{}", old).id();
            store.inbound().markAttemptFailed(c, id, "boom", 1, old);
            return id;
        });

        // other tests' rows share the database, but none of them was processed before the cutoff
        int first = db().inTransaction(c -> store.inbound().purgeDone(c, cutoff, 2));
        int rest = db().inTransaction(c -> store.inbound().purgeDone(c, cutoff, 2));
        assertThat(first).isEqualTo(2);
        assertThat(rest).isEqualTo(1);
        for (long id : oldDone) {
            assertThat(inbound(id)).isEmpty();
        }
        assertThat(inbound(recentDone)).isPresent();
        assertThat(inbound(oldPending)).get()
                .extracting(InboundLog.Row::status).isEqualTo(InboundLog.Status.PENDING);
        assertThat(inbound(oldFailed)).get()
                .extracting(InboundLog.Row::status).isEqualTo(InboundLog.Status.FAILED);
    }

    @Test
    void should_move_outbox_rows_through_retry_dead_and_claim() {
        Conversation conv = newConversation(Channel.of("dev"));
        long a = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), 7L, Channel.of("dev"), "cust", null, "BOT",
                "zh", "{\"text\":\"a\"}", now));
        long b = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), 7L, Channel.of("dev"), "cust", null, "BOT",
                "zh", "{\"text\":\"b\"}", now));
        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().due(c, now, 100))).extracting(Outbox.Row::id)
                .contains(a, b);

        assertThat(ok(c -> store.outbox().claimForSending(c, a, now))).isTrue();
        assertThat(ok(c -> store.outbox().claimForSending(c, a, now))).isFalse();
        db().inTransaction(c -> {
            store.outbox().scheduleRetry(c, a, "429", now.plusSeconds(30), now);
            return null;
        });
        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().due(c, now, 100))).extracting(Outbox.Row::id)
                .doesNotContain(a);
        db().inTransaction(c -> {
            store.outbox().markDead(c, a, "gave up", now);
            return null;
        });
        Outbox.Row dead = db().withConnection(c -> store.outbox().byId(c, a)).orElseThrow();
        assertThat(dead.status()).isEqualTo(Outbox.Status.DEAD);
        assertThat(dead.attempts()).isEqualTo(2);

        List<Outbox.Row> claimed = db().<List<Outbox.Row>>inTransaction(c -> store.outbox().claimForInbound(c, 7L, now));
        assertThat(claimed).extracting(Outbox.Row::id).containsExactly(b);
        assertThat(ok(c -> store.outbox().claimForSending(c, b, now))).isFalse();
    }

    @Test
    void should_release_only_that_customers_waiting_rows_when_they_write_again() {
        Conversation conv = newConversation(Channel.of("whatsapp"));
        String who = "wa-" + uid();
        long waiting = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"), who, null,
                "HUMAN", "en", "{}", now));
        long other = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"),
                "someone-else-" + uid(), null, "HUMAN", "en", "{}", now));
        db().inTransaction(c -> {
            store.outbox().claimForSending(c, waiting, now);
            store.outbox().markWaiting(c, waiting, "131047 outside the window", now);
            store.outbox().claimForSending(c, other, now);
            store.outbox().markWaiting(c, other, "131047 outside the window", now);
            return null;
        });
        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().due(c, now.plusSeconds(60), 1000)))
                .extracting(Outbox.Row::id).doesNotContain(waiting, other);

        int released = db().inTransaction(c -> store.outbox().release(c, Channel.of("whatsapp"), who, now.plusSeconds(60)));

        assertThat(released).isEqualTo(1);
        Outbox.Row row = db().withConnection(c -> store.outbox().byId(c, waiting)).orElseThrow();
        assertThat(row.status()).isEqualTo(Outbox.Status.PENDING);
        assertThat(row.attempts()).isZero();
        assertThat(db().withConnection(c -> store.outbox().byId(c, other)).orElseThrow().status())
                .isEqualTo(Outbox.Status.WAITING);
    }

    @Test
    void should_release_a_waiting_row_whose_customer_wrote_after_it_was_set_waiting() {
        Conversation wrote = newConversation(Channel.of("whatsapp"));
        Conversation silent = newConversation(Channel.of("whatsapp"));
        long a = waiting(wrote, now);
        long b = waiting(silent, now);
        db().inTransaction(c -> {
            store.conversations().touchCustomerMessage(c, wrote.id(), now.plusSeconds(1));
            store.conversations().touchCustomerMessage(c, silent.id(), now.minusSeconds(1));
            return null;
        });

        db().inTransaction(c -> store.outbox().releaseReopened(c, now.plusSeconds(5)));

        assertThat(db().withConnection(c -> store.outbox().byId(c, a)).orElseThrow().status())
                .isEqualTo(Outbox.Status.PENDING);
        assertThat(db().withConnection(c -> store.outbox().byId(c, b)).orElseThrow().status())
                .isEqualTo(Outbox.Status.WAITING);
    }

    private long waiting(Conversation conv, Instant at) {
        return db().inTransaction(c -> {
            long id = store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"), "wa-" + uid(), null, "HUMAN", "en",
                    "{}", at);
            store.outbox().claimForSending(c, id, at);
            store.outbox().markWaiting(c, id, "131047 outside the window", at);
            return id;
        });
    }

    @Test
    void should_apply_delivery_statuses_only_forward_when_out_of_order() {
        Conversation conv = newConversation(Channel.of("whatsapp"));
        String wamid = "wamid." + uid();
        long id = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"), "cust", null,
                "BOT", "en", "{}", now));
        db().inTransaction(c -> {
            store.outbox().claimForSending(c, id, now);
            store.outbox().markSent(c, id, List.of(wamid), now);
            store.outbox().applyDeliveryStatus(c, status(wamid, DeliveryStatus.State.READ), now);
            store.outbox().applyDeliveryStatus(c, status(wamid, DeliveryStatus.State.DELIVERED), now);
            return null;
        });
        assertThat(db().withConnection(c -> store.outbox().byId(c, id)).orElseThrow().deliveryState())
                .isEqualTo("READ");
    }

    @Test
    void should_order_ticket_queue_by_priority_then_age() {
        Conversation c1 = newConversation(Channel.of("dev"));
        Conversation c2 = newConversation(Channel.of("dev"));
        Conversation c3 = newConversation(Channel.of("dev"));
        long low = db().inTransaction(c -> store.tickets().insert(c, c1.id(), List.of(HandoffReason.EXPLICIT_REQUEST), 10, "general",
                "s", CONTEXT, 1, now));
        long vip = db().inTransaction(c -> store.tickets().insert(c, c2.id(), List.of(HandoffReason.VIP), 80, "vip", "s", CONTEXT, 1,
                now.plusSeconds(5)));
        long low2 = db().inTransaction(c -> store.tickets().insert(c, c3.id(), List.of(HandoffReason.KNOWLEDGE_MISS), 10, "general",
                "s", CONTEXT, 3, now.plusSeconds(6)));
        assertThat(position(vip)).isEqualTo(1);
        assertThat(position(low)).isEqualTo(2);
        assertThat(position(low2)).isEqualTo(3);

        assertThat(ok(c -> store.tickets().assign(c, vip, "ann", now))).isTrue();
        assertThat(position(low)).isEqualTo(1);
        assertThat(ok(c -> store.tickets().resolve(c, vip, "resolved", "refunded", now))).isTrue();
        assertThat(ok(c -> store.tickets().resolve(c, vip, "resolved", "again", now))).isFalse();
        assertThat(db().<java.util.Optional<TicketRepository.Row>>withConnection(c -> store.tickets().activeFor(c, c2.id()))).isEmpty();
    }

    @Test
    void should_store_a_rating_with_the_resolved_ticket_it_rates_once_per_inbound_message() {
        Conversation conv = newConversation(Channel.of("web"));
        long ticket = db().inTransaction(c -> store.tickets().insert(c, conv.id(), List.of(HandoffReason.BUTTON), 10,
                "general", "s", CONTEXT, 1, now));
        assertThat(ok(c -> store.tickets().resolve(c, ticket, "resolved", "done", now))).isTrue();
        long inboundId = 9_000_000L + Math.abs(uid().hashCode() % 1_000_000);
        String longComment = "好".repeat(RatingRepository.MAX_COMMENT + 10);

        db().inTransaction(c -> {
            store.ratings().recordFor(c, conv.id(), ticket, inboundId, Channel.of("web"), 4, "  " + longComment, now);
            return null;
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db().inTransaction(c -> {
            store.ratings().recordFor(c, conv.id(), ticket, inboundId, Channel.of("web"), 5, null, now);
            return null;
        })).as("one rating per inbound message").isInstanceOf(RuntimeException.class);

        List<RatingRepository.Row> rows = db().withConnection(c -> store.ratings().forConversation(c, conv.id()));
        assertThat(rows).singleElement()
                .satisfies(r -> {
                    assertThat(r.score()).isEqualTo(4);
                    assertThat(r.ticketId()).isEqualTo(ticket);
                    assertThat(r.channel()).isEqualTo(Channel.of("web"));
                    assertThat(r.comment()).hasSize(RatingRepository.MAX_COMMENT).startsWith("好");
                });
    }

    @Test
    void should_keep_one_satisfaction_request_per_ticket_and_close_it_once() {
        Conversation conv = newConversation(Channel.of("web"));
        long ticket = db().inTransaction(c -> store.tickets().insert(c, conv.id(), List.of(HandoffReason.BUTTON), 10,
                "general", "s", CONTEXT, 1, now));
        java.time.Instant until = now.plusSeconds(3600);

        java.util.Optional<Long> first = db().inTransaction(c -> store.csatRequests().insert(c, conv.id(), ticket,
                Channel.of("web"), now, until));
        java.util.Optional<Long> second = db().inTransaction(c -> store.csatRequests().insert(c, conv.id(), ticket,
                Channel.of("web"), now, until));

        assertThat(first).isPresent();
        assertThat(second).as("a ticket is asked about once").isEmpty();
        CsatRequestRepository.Row pending = db().<java.util.Optional<CsatRequestRepository.Row>>withConnection(c ->
                store.csatRequests().pending(c, conv.id())).orElseThrow();
        assertThat(pending.ticketId()).isEqualTo(ticket);
        assertThat(pending.openAt(now)).isTrue();
        assertThat(pending.openAt(until)).as("expired").isFalse();
        assertThat(ok(c -> store.csatRequests().answer(c, pending.id(), now))).isTrue();
        assertThat(ok(c -> store.csatRequests().answer(c, pending.id(), now))).as("answered once").isFalse();
        assertThat(ok(c -> store.csatRequests().lapse(c, pending.id(), now))).isFalse();
        assertThat(db().<java.util.Optional<CsatRequestRepository.Row>>withConnection(c ->
                store.csatRequests().pending(c, conv.id()))).isEmpty();
    }

    @Test
    void should_persist_chat_memory_and_key_values() {
        String mem = "conv-" + uid();
        db().inTransaction(c -> {
            store.memory().save(c, mem, "[1]", now);
            store.memory().save(c, mem, "[1,2]", now);
            return null;
        });
        assertThat(db().<java.util.Optional<String>>withConnection(c -> store.memory().load(c, mem))).contains("[1,2]");
        db().inTransaction(c -> {
            store.memory().delete(c, mem);
            return null;
        });
        assertThat(db().<java.util.Optional<String>>withConnection(c -> store.memory().load(c, mem))).isEmpty();

        KeyValueStore kv = new JdbcKeyValueStore(db(), java.time.Clock.systemUTC());
        kv.put("wecom.cursor." + mem, "c1");
        kv.put("wecom.cursor." + mem, "c2");
        assertThat(kv.get("wecom.cursor." + mem)).contains("c2");
    }


    @Test
    void should_grant_a_lease_to_one_holder_until_it_expires_or_is_given_back() {
        String lane = "lane/dev:" + uid();
        Instant until = now.plusSeconds(30);
        assertThat(ok(c -> store.leases().tryAcquire(c, lane, "a", now, until))).isTrue();
        assertThat(ok(c -> store.leases().tryAcquire(c, lane, "b", now.plusSeconds(10), now.plusSeconds(40))))
                .as("held by a").isFalse();
        assertThat(ok(c -> store.leases().tryAcquire(c, lane, "a", now.plusSeconds(10), now.plusSeconds(40))))
                .as("a renews its own").isTrue();
        assertThat(ok(c -> store.leases().tryAcquire(c, lane, "b", now.plusSeconds(35), now.plusSeconds(65))))
                .as("renewed until +40s").isFalse();
        assertThat(ok(c -> store.leases().tryAcquire(c, lane, "b", now.plusSeconds(41), now.plusSeconds(71))))
                .as("expired: taken over").isTrue();
        LeaseRepository.Lease lease = db().<java.util.Optional<LeaseRepository.Lease>>withConnection(c ->
                store.leases().find(c, lane)).orElseThrow();
        assertThat(lease.holder()).isEqualTo("b");
        assertThat(lease.acquiredAt()).isEqualTo(now.plusSeconds(41));
        assertThat(ok(c -> store.leases().release(c, lane, "a"))).as("not a's any more").isFalse();
        assertThat(ok(c -> store.leases().release(c, lane, "b"))).isTrue();
        assertThat(ok(c -> store.leases().tryAcquire(c, lane, "a", now.plusSeconds(42), now.plusSeconds(72))))
                .as("free again").isTrue();
    }

    @Test
    void should_renew_and_give_back_the_leases_of_one_holder_by_prefix() {
        String holder = "h-" + uid();
        ok(c -> store.leases().tryAcquire(c, "job/" + holder + "/x", holder, now, now.plusSeconds(5)));
        ok(c -> store.leases().tryAcquire(c, "lane/" + holder + "_y", holder, now, now.plusSeconds(5)));
        assertThat(db().<Integer>inTransaction(c -> store.leases().renewAll(c, holder, now.plusSeconds(60))))
                .isEqualTo(2);
        assertThat(ok(c -> store.leases().tryAcquire(c, "job/" + holder + "/x", "other", now.plusSeconds(30),
                now.plusSeconds(90)))).as("renewed").isFalse();
        assertThat(db().<Integer>inTransaction(c -> store.leases().releaseAll(c, holder, "job/"))).isEqualTo(1);
        assertThat(db().<List<LeaseRepository.Lease>>withConnection(c -> store.leases().list(c, "lane/" + holder)))
                .extracting(LeaseRepository.Lease::holder).containsExactly(holder);
    }

    @Test
    void should_mark_an_inbound_row_done_only_once() {
        long id = db().inTransaction(c -> store.inbound().insert(c, Channel.of("dev"), uid(), "cust", "{}", now)).id();
        assertThat(ok(c -> store.inbound().markDone(c, id, now))).isTrue();
        assertThat(ok(c -> store.inbound().markDone(c, id, now))).as("already done elsewhere").isFalse();
    }

    @Test
    void should_claim_a_customers_replies_one_at_a_time_in_order() {
        Conversation conv = newConversation(Channel.of("whatsapp"));
        String who = db().inTransaction(c -> store.customers().byId(c, conv.customerId())).orElseThrow().platformId();
        long first = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"), who,
                null, "BOT", "en", "{}", now));
        long second = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, Channel.of("whatsapp"), who,
                null, "BOT", "en", "{}", now));
        Instant until = now.plusSeconds(30);
        assertThat(ok(c -> store.outbox().claimInOrder(c, second, "b", now, until))).as("the first goes first")
                .isFalse();
        assertThat(ok(c -> store.outbox().claimInOrder(c, first, "a", now, until))).isTrue();
        assertThat(ok(c -> store.outbox().claimInOrder(c, first, "b", now, until))).as("a has it").isFalse();
        assertThat(ok(c -> store.outbox().claimInOrder(c, second, "b", now, until))).as("the first is in flight")
                .isFalse();
        ok(c -> {
            store.outbox().markSent(c, first, List.of("wamid.1"), now);
            return true;
        });
        assertThat(ok(c -> store.outbox().claimInOrder(c, second, "b", now, until))).isTrue();
        db().inTransaction(c -> store.outbox().releaseExpiredClaims(c, now.plusSeconds(10)));
        assertThat(db().withConnection(c -> store.outbox().byId(c, second)).orElseThrow().status())
                .as("b's claim still holds").isEqualTo(Outbox.Status.SENDING);
        db().inTransaction(c -> store.outbox().releaseExpiredClaims(c, now.plusSeconds(31)));
        assertThat(db().withConnection(c -> store.outbox().byId(c, second)).orElseThrow().status())
                .isEqualTo(Outbox.Status.PENDING);
    }

    @Test
    void should_hold_a_reply_whose_claim_expired_in_doubt_until_the_platforms_status_confirms_it() {
        Channel wa = Channel.of("whatsapp");
        Conversation conv = newConversation(wa);
        String who = db().inTransaction(c -> store.customers().byId(c, conv.customerId())).orElseThrow().platformId();
        long first = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, wa, who, null, "BOT", "en",
                "{}", now));
        long second = db().inTransaction(c -> store.outbox().enqueue(c, conv.id(), null, wa, who, null, "BOT", "en",
                "{}", now));
        assertThat(ok(c -> store.outbox().claimInOrder(c, first, "dead", now, now.plusSeconds(30)))).isTrue();

        Instant expired = now.plusSeconds(31);
        Instant graceEnd = expired.plusSeconds(60);
        db().inTransaction(c -> store.outbox().releaseExpiredClaims(c, expired, List.of(wa), graceEnd));

        Outbox.Row doubt = db().withConnection(c -> store.outbox().byId(c, first)).orElseThrow();
        assertThat(doubt.status()).isEqualTo(Outbox.Status.PENDING);
        assertThat(doubt.inDoubtAt()).isEqualTo(expired);
        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().dueUnheld(c, expired.plusSeconds(1),
                1000))).extracting(Outbox.Row::id).as("neither the row in doubt nor the reply after it")
                .doesNotContain(first, second);
        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().due(c, expired.plusSeconds(1), 1000)))
                .extracting(Outbox.Row::id).doesNotContain(first, second);
        assertThat(ok(c -> store.outbox().claimInOrder(c, second, "b", expired, graceEnd)))
                .as("a later reply does not overtake one in doubt").isFalse();

        // a status naming the row for another customer (another deployment's row with the same id) changes nothing
        db().inTransaction(c -> store.outbox().applyStatus(c, new DeliveryStatus(wa, "wamid.x", "someone-else",
                DeliveryStatus.State.SENT, now, null, null, "baton:o:" + first), expired));
        assertThat(db().withConnection(c -> store.outbox().byId(c, first)).orElseThrow().status())
                .isEqualTo(Outbox.Status.PENDING);
        // a status for the first of two parts does not prove the whole reply left
        assertThat(db().inTransaction(c -> store.outbox().applyStatus(c, new DeliveryStatus(wa, "wamid.part1", who,
                DeliveryStatus.State.SENT, now, null, null, "baton:o:" + first + ":1/2"), expired)).orElseThrow()
                .confirmed()).isFalse();

        Outbox.Applied applied = db().inTransaction(c -> store.outbox().applyStatus(c, new DeliveryStatus(wa,
                "wamid.sent-before-the-kill", who, DeliveryStatus.State.DELIVERED, now, null, null,
                "baton:o:" + first), expired)).orElseThrow();

        assertThat(applied.confirmed()).isTrue();
        assertThat(applied.row().status()).isEqualTo(Outbox.Status.SENT);
        assertThat(applied.row().platformIds()).isEqualTo("wamid.sent-before-the-kill");
        assertThat(applied.row().deliveryState()).isEqualTo("DELIVERED");
        assertThat(applied.row().inDoubtAt()).isNull();
        assertThat(ok(c -> store.outbox().claimInOrder(c, second, "b", expired, graceEnd))).isTrue();
        // the same status again (platforms re-deliver) confirms nothing more
        assertThat(db().inTransaction(c -> store.outbox().applyStatus(c, new DeliveryStatus(wa,
                "wamid.sent-before-the-kill", who, DeliveryStatus.State.READ, now, null, null, "baton:o:" + first),
                expired)).orElseThrow().confirmed()).isFalse();
        assertThat(db().withConnection(c -> store.outbox().byId(c, first)).orElseThrow().deliveryState())
                .isEqualTo("READ");
    }

    @Test
    void should_make_a_reply_in_doubt_due_again_after_the_grace_and_others_at_once() {
        Channel wa = Channel.of("whatsapp");
        Channel dev = Channel.of("dev");
        Conversation waConv = newConversation(wa);
        Conversation devConv = newConversation(dev);
        long onWa = db().inTransaction(c -> store.outbox().enqueue(c, waConv.id(), null, wa, "wa-" + uid(), null,
                "BOT", "en", "{}", now));
        long onDev = db().inTransaction(c -> store.outbox().enqueue(c, devConv.id(), null, dev, "dev-" + uid(), null,
                "BOT", "en", "{}", now));
        ok(c -> store.outbox().claimForSending(c, onWa, now) && store.outbox().claimForSending(c, onDev, now));

        // a single instance starting again after a crash
        int reset = db().inTransaction(c -> store.outbox().resetInFlight(c, now, List.of(wa), now.plusSeconds(60)));
        assertThat(reset).isEqualTo(2);

        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().due(c, now, 1000)))
                .extracting(Outbox.Row::id).contains(onDev).doesNotContain(onWa);
        assertThat(db().<List<Outbox.Row>>withConnection(c -> store.outbox().due(c, now.plusSeconds(60), 1000)))
                .extracting(Outbox.Row::id).contains(onWa);
        assertThat(ok(c -> store.outbox().claimForSending(c, onWa, now.plusSeconds(60)))).isTrue();
        assertThat(db().withConnection(c -> store.outbox().byId(c, onWa)).orElseThrow().inDoubtAt())
                .as("sent again: no longer in doubt").isNull();
    }

    private boolean ok(Database.SqlFunction<java.sql.Connection, Boolean> f) {
        return db().inTransaction(f);
    }

    private int position(long ticket) {
        return db().withConnection(c -> store.tickets().queuePosition(c, ticket));
    }

    private DeliveryStatus status(String wamid, DeliveryStatus.State state) {
        return new DeliveryStatus(Channel.of("whatsapp"), wamid, "cust", state, now, null, null);
    }

    private Conversation newConversation(Channel channel) {
        return db().inTransaction(c -> {
            Customer cu = store.customers().upsert(c, channel, uid(), null, now);
            return store.conversations().forCustomer(c, cu.id(), channel, null, now);
        });
    }
}
