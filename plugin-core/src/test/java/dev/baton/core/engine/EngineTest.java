package dev.baton.core.engine;

import dev.baton.core.conversation.HandoffTicket;





import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.Message;
import dev.baton.core.store.EngineJson;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.channel.Channel;
import dev.baton.core.channel.ChannelLimits;
import dev.baton.core.testing.DeliveredSender;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.plugin.PassiveReplies;
import dev.baton.core.channel.OutboundMessage;
import dev.baton.core.channel.SendOutcome;
import dev.baton.core.channel.Sender;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.handoff.ExtractiveSummarizer;
import dev.baton.core.handoff.HumanDesk;
import dev.baton.core.handoff.Summarizer;
import dev.baton.core.store.Database;
import dev.baton.core.store.InboundLog;
import dev.baton.core.store.Outbox;
import dev.baton.core.store.TicketRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EngineTest {

    private static final KnowledgeSearch SHOP = (q, k) -> q.contains("退货") || q.toLowerCase().contains("return")
            ? List.of(new KnowledgeAnswer("faq/returns.md#how", "怎么退货？", "签收后 7 天内可申请无理由退货。",
            "faq/returns.md › 怎么退货？", 0.9, true))
            : List.of(new KnowledgeAnswer("faq/x.md#y", "unrelated", "unrelated", "faq/x.md › y", 0.1, false));

    private Database db;
    private EngineBuilder.Built built;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    @AfterEach
    void tearDown() {
        if (built != null) {
            built.close();
        }
        db.close();
    }

    private EngineBuilder.Built start(EngineBuilder b) {
        built = b.build();
        built.engine().start();
        return built;
    }

    /** A sender for the dev channel that answers each attempt with {@code send}. */
    private static Sender devSender(java.util.function.Function<OutboundMessage, SendOutcome> send) {
        return new Sender() {
            @Override
            public Channel channel() {
                return Channel.of("dev");
            }

            @Override
            public SendOutcome send(OutboundMessage message) {
                return send.apply(message);
            }

            @Override
            public ChannelLimits limits() {
                return ChannelLimits.unlimited();
            }
        };
    }

    private static InboundMessage text(String customer, String text) {
        return new InboundMessage(Channel.of("dev"), UUID.randomUUID().toString(), customer, null, null, Instant.now(),
                new InboundContent.Text(text));
    }

    private List<String> ask(InboundMessage m) {
        InboundSink.Receipt r = built.engine().accept(List.of(m)).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(10)).stream()
                .map(built.engine()::text).toList();
    }

    @Test
    void should_answer_with_citation_when_knowledge_is_confident() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));

        List<String> replies = ask(text("alice", "怎么退货？"));

        assertThat(replies).hasSize(1);
        assertThat(replies.get(0)).contains("7 天内").endsWith("来源：怎么退货？").doesNotContain("faq/returns.md");
    }

    @Test
    void should_keep_answering_and_sending_when_a_single_instance_is_drained() {
        java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(new EngineBuilder(db).knowledge(SHOP).sender(devSender(m -> {
            sent.add(m.content().text());
            return new SendOutcome.Delivered(List.of("m-" + m.outboxId()));
        })));

        built.engine().drain(); // one instance: nobody else would take its work; only readiness says "draining"
        InboundSink.Receipt r = built.engine().accept(List.of(text("dana", "怎么退货？"))).get(0);

        assertThat(built.engine().claiming()).isFalse();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)).contains("7 天内");
        assertThat(r.duplicate()).isFalse();
    }

    @Test
    void should_apply_the_tier_a_channel_claims_before_triage_and_ignore_a_malformed_one() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));
        InboundMessage plain = text("tina", "怎么退货？");

        ask(withTier(plain, "vip"));
        String vip = tierOf("tina");
        ask(withTier(text("tina", "运费多少？"), "not a tier!"));
        String afterMalformed = tierOf("tina");
        ask(text("tina", "谢谢"));
        String afterNoClaim = tierOf("tina");
        ask(withTier(text("tina", "再见"), null));

        assertThat(vip).isEqualTo("vip");
        assertThat(afterMalformed).as("a malformed claim changes nothing").isEqualTo("vip");
        assertThat(afterNoClaim).as("a message without a claim keeps the tier").isEqualTo("vip");
        assertThat(tierOf("tina")).as("a null tier clears it").isNull();
    }

    private static InboundMessage withTier(InboundMessage m, String tier) {
        return new InboundMessage(m.channel(), m.platformMessageId(), m.customerId(), m.customerName(),
                m.channelAccount(), m.sentAt(), m.content(), new InboundMessage.TierClaim(tier));
    }

    private String tierOf(String customer) {
        return db.withConnection(c -> built.store().customers().find(c, Channel.of("dev"), customer)).orElseThrow().tier();
    }

    @Test
    void should_send_not_sure_and_flag_knowledge_miss_when_nothing_relevant() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));

        List<String> replies = ask(text("bob", "can I pay with bitcoin?"));

        assertThat(replies).singleElement().asString().contains("couldn't find a reliable answer");
        TurnSignals signals = db.withConnection(c -> built.store().messages().transcript(c, 1L)).get(0).signals();
        assertThat(signals.knowledgeMiss()).isTrue();
    }

    @Test
    void should_process_a_duplicate_delivery_once() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));
        InboundMessage m = text("carol", "How do I return an item?");

        InboundSink.Receipt first = built.engine().accept(List.of(m)).get(0);
        InboundSink.Receipt again = built.engine().accept(List.of(m)).get(0);
        built.engine().repliesFor(first.inboundId(), Duration.ofSeconds(10));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.inboundId()).isEqualTo(first.inboundId());
        List<Outbox.Row> rows = db.withConnection(c -> built.store().outbox().forInbound(c, first.inboundId()));
        assertThat(rows).hasSize(1);
    }

    @Test
    void should_forget_processed_deliveries_after_the_retention_but_keep_the_conversation() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));
        InboundMessage old = text("carl", "How do I return an item?");
        long oldId = built.engine().accept(List.of(old)).get(0).inboundId();
        assertThat(built.engine().repliesFor(oldId, Duration.ofSeconds(10))).hasSize(1);
        built.close();

        // fifteen days later (retention 14 days), the recovery sweep deletes the processed row, not the transcript
        EngineSettings d = EngineSettings.defaults();
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender())
                .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(15)))
                .settings(new EngineSettings(d.messages(), d.knowledgeTopK(), d.historyWindow(), d.inboundMaxAttempts(),
                        Duration.ofMillis(50), d.unsupportedMediaHandoff(), d.stillQueuedEvery(),
                        Duration.ofDays(14))));
        long fresh = built.engine().accept(List.of(text("carl", "How do I return an item?"))).get(0).inboundId();
        built.engine().repliesFor(fresh, Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> db.withConnection(c -> built.store().inbound().byId(c, oldId))
                .isEmpty());
        assertThat(db.<java.util.Optional<InboundLog.Row>>withConnection(c -> built.store().inbound().byId(c, fresh)))
                .get()
                .extracting(InboundLog.Row::status).isEqualTo(InboundLog.Status.DONE);
        assertThat(db.<Long>withConnection(c -> dev.baton.core.store.Sql.count(c,
                "SELECT COUNT(*) FROM messages WHERE inbound_id = ? AND author = 'CUSTOMER'", oldId))).isEqualTo(1L);
        assertThat(built.metrics().registry().get("baton.inbound.purged").counter().count()).isEqualTo(1.0);
    }

    @Test
    void should_keep_an_agents_reply_until_the_customer_reopens_a_closed_reply_window() {
        // given a channel that refuses while its reply window is closed, as WhatsApp does after 24 hours
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Sender windowed = devSender(message -> {
            if (closed.get()) {
                return new SendOutcome.Rejected("131047", "outside the 24-hour window", true);
            }
            delivered.add(message.content().text());
            return new SendOutcome.Delivered(List.of("m-" + message.outboxId()));
        });
        start(new EngineBuilder(db).knowledge(SHOP).sender(windowed));
        ask(text("gina", "转人工"));
        long convId = db.withConnection(c -> built.store().conversations().inState(c, ConversationState.QUEUED))
                .get(0).id();
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, convId))
                .orElseThrow();
        built.desk().claim(ticket.id(), "ann");

        // when the agent answers after the window closed
        closed.set(true);
        long late = built.desk().reply(convId, "ann", "Your refund was approved today.");
        built.outbox().wake();

        // then the reply waits, and the agents are told why
        await().atMost(Duration.ofSeconds(10)).until(() -> db.withConnection(c -> built.store().outbox().byId(c, late))
                .orElseThrow().status() == Outbox.Status.WAITING);
        assertThat(db.withConnection(c -> built.store().conversations().byId(c, convId)).orElseThrow().windowNote())
                .contains("131047").contains("sent when the customer writes again");

        // when the customer writes again, the window reopens and the waiting reply goes out
        closed.set(false);
        built.engine().accept(List.of(text("gina", "hello? any news?")));
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("Your refund was approved today."));
        assertThat(db.withConnection(c -> built.store().outbox().byId(c, late)).orElseThrow().status())
                .isEqualTo(Outbox.Status.SENT);
        assertThat(db.withConnection(c -> built.store().conversations().byId(c, convId)).orElseThrow().windowNote())
                .isNull();
    }

    @Test
    void should_drop_a_bot_reply_that_meets_a_closed_reply_window() {
        Sender shut = devSender(message -> {
            return new SendOutcome.Rejected("45015", "48-hour reply window is over", true);
        });
        start(new EngineBuilder(db).knowledge(SHOP).sender(shut));
        long id = built.engine().accept(List.of(text("hank", "怎么退货？"))).get(0).inboundId();
        // a bot answer is about the moment it was written: it is not sent days later
        await().atMost(Duration.ofSeconds(10)).until(() -> db.withConnection(c -> built.store().outbox()
                .forInbound(c, id)).stream().anyMatch(r -> r.status() == Outbox.Status.DEAD));
    }

    @Test
    void should_open_a_ticket_held_by_the_agent_when_an_agent_replies_while_the_bot_has_the_conversation() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));
        assertThat(ask(text("ivy", "怎么退货？"))).singleElement().asString().contains("7 天内");
        long convId = db.withConnection(c -> built.store().conversations().inState(c, ConversationState.BOT))
                .get(0).id();

        // when an agent replies to the conversation the bot is handling
        HumanDesk.Sent sent = built.desk().reply(convId, "ann", "我是 Ann，我来帮您。", "support");

        // then it is a takeover: a ticket held by the agent, never a HUMAN conversation without one
        Conversation conv = db.withConnection(c -> built.store().conversations().byId(c, convId)).orElseThrow();
        assertThat(conv.state()).isEqualTo(ConversationState.HUMAN);
        assertThat(conv.assignee()).isEqualTo("ann");
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, convId))
                .orElseThrow();
        assertThat(ticket.id()).isEqualTo(sent.takenOver().id());
        assertThat(ticket.status()).isEqualTo(TicketRepository.Status.ASSIGNED);
        assertThat(ticket.assignee()).isEqualTo("ann");
        assertThat(ticket.reasons()).containsExactly(HandoffReason.AGENT_TAKEOVER);
        assertThat(ticket.group()).isEqualTo("support");
        assertThat(ticket.firstHumanReplyAt()).isNotNull();
        assertThat(built.desk().reply(convId, "ann", "还在吗？", "support").takenOver())
                .as("the next reply belongs to the same ticket").isNull();

        // the customer's next message reaches the agent: the bot stays silent, no queue notice
        assertThat(ask(text("ivy", "订单号 4417"))).isEmpty();

        // resolving hands the conversation back to the bot
        built.desk().resolve(convId, "ann", "return booked", "resolved");
        assertThat(ask(text("ivy", "怎么退货？"))).singleElement().asString().contains("7 天内");
        java.util.Optional<TicketRepository.Row> active = db.withConnection(c -> built.store().tickets()
                .activeFor(c, convId));
        assertThat(active).isEmpty();
    }

    @Test
    void should_hand_off_keep_the_bot_silent_and_resume_after_resolve() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));

        List<String> handoff = ask(text("dave", "转人工"));
        assertThat(handoff).singleElement().asString().contains("第 1 位");
        long convId = db.withConnection(c -> built.store().conversations().inState(c, ConversationState.QUEUED))
                .get(0).id();
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, convId))
                .orElseThrow();
        assertThat(ticket.reasons()).containsExactly(HandoffReason.EXPLICIT_REQUEST);
        assertThat(ticket.context().sentimentTrend()).isNotNull();
        assertThat(ticket.context().transcript()).extracting(HandoffTicket.TranscriptLine::text).contains("转人工");

        List<String> whileQueued = ask(text("dave", "怎么退货？"));
        assertThat(whileQueued).noneMatch(r -> r.contains("7 天内"));

        built.desk().claim(ticket.id(), "ann");
        built.desk().reply(convId, "ann", "您好，我来帮您处理退货。");
        built.desk().resolve(convId, "ann", "explained returns", "resolved");

        List<String> after = ask(text("dave", "怎么退货？"));
        assertThat(after).singleElement().asString().contains("7 天内");
        List<String> transcript = db.withConnection(c -> built.store().messages().transcript(c, convId)).stream()
                .map(msg -> msg.author() + ":" + msg.text()).toList();
        assertThat(transcript).contains("HUMAN:您好，我来帮您处理退货。");
    }

    @Test
    void should_not_hand_off_when_customer_declines_a_human() {
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));

        ask(text("erin", "不要转人工，我想知道怎么退货"));

        List<Conversation> queued = db.withConnection(c -> built.store().conversations().inState(c,
                ConversationState.QUEUED));
        assertThat(queued).isEmpty();
    }

    @Test
    void should_retry_with_backoff_then_mark_dead_when_the_platform_keeps_failing() {
        AtomicInteger attempts = new AtomicInteger();
        Sender flaky = devSender(message -> {
            attempts.incrementAndGet();
            return new SendOutcome.RetryLater("503", "unavailable", null);
        });
        start(new EngineBuilder(db).knowledge(SHOP).sender(flaky)
                .retry(new OutboxWorker.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200))));

        ask(text("frank", "怎么退货？"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                db.withConnection(c -> built.store().outbox().countByStatus(c, Outbox.Status.DEAD)) == 1);
        assertThat(attempts).hasValue(3);
        Outbox.Row dead = db.withConnection(c -> built.store().outbox().byStatus(c, Outbox.Status.DEAD, 1)).get(0);
        assertThat(dead.lastError()).contains("503");
    }

    @Test
    void should_resume_unfinished_inbound_rows_at_start_up() {
        // given: a message stored before a crash, never processed
        EngineBuilder.Built first = new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()).build();
        InboundMessage m = text("grace", "How do I return an item?");
        long id = db.inTransaction(c -> first.store().inbound().insert(c, Channel.of("dev"), m.platformMessageId(),
                m.customerId(), EngineJson.write(first.json(), m), Instant.now())).id();
        first.close();

        // when: Baton starts again
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()));

        // then: it is answered exactly once
        await().atMost(Duration.ofSeconds(10)).until(() ->
                db.withConnection(c -> built.store().inbound().byId(c, id)).orElseThrow().status()
                        == InboundLog.Status.DONE);
        assertThat(built.engine().repliesFor(id, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void should_reread_the_inbound_log_only_when_something_was_left_behind_or_a_minute_passed() {
        // given lanes that can hold two messages while their one worker is busy, and a clock the test moves
        CountDownLatch busy = new CountDownLatch(1);
        java.util.concurrent.ThreadPoolExecutor lanes = new java.util.concurrent.ThreadPoolExecutor(1, 1, 1,
                TimeUnit.MINUTES, new java.util.concurrent.ArrayBlockingQueue<>(2));
        lanes.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dev.baton.core.testing.TestClock clock = dev.baton.core.testing.TestClock.system();
        EngineSettings d = EngineSettings.defaults();
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()).laneExecutor(lanes).clock(clock)
                .settings(new EngineSettings(d.messages(), d.knowledgeTopK(), d.historyWindow(),
                        d.inboundMaxAttempts(), Duration.ofHours(1), d.unsupportedMediaHandoff(),
                        d.stillQueuedEvery(), d.inboundRetention())));
        List<Long> ids = new java.util.ArrayList<>();
        for (String who : List.of("h1", "h2", "h3", "h4")) {
            ids.add(built.engine().accept(List.of(text(who, "How do I return an item?"))).get(0).inboundId());
        }

        // the lanes were full for two of them: the sweep looks at the log again
        assertThat(built.engine().sweepInbound()).isEqualTo(4);
        busy.countDown();
        // the sweep keeps looking while the lanes turn messages away (as the scheduler would, every few seconds)
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            built.engine().sweepInbound();
            return ids.stream().allMatch(id -> db.withConnection(c -> built.store().inbound().byId(c, id))
                    .orElseThrow().status() == InboundLog.Status.DONE);
        });
        for (long id : ids) {
            assertThat(built.engine().repliesFor(id, Duration.ofSeconds(10))).hasSize(1);
        }
        built.engine().sweepInbound(); // the look that found everything on the lanes
        assertThat(built.engine().sweepInbound()).as("all on the lanes and done: nothing to look for").isZero();

        // a row this process did not write (another writer, a restore) waits at most a minute
        InboundMessage stray = text("h5", "How do I return an item?");
        long strayId = db.inTransaction(c -> built.store().inbound().insert(c, Channel.of("dev"),
                stray.platformMessageId(), stray.customerId(), EngineJson.write(built.json(), stray),
                Instant.now())).id();
        assertThat(built.engine().sweepInbound()).isZero();
        clock.advance(Dispatcher.FULL_SWEEP_EVERY);
        assertThat(built.engine().sweepInbound()).isEqualTo(1);
        assertThat(built.engine().repliesFor(strayId, Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void should_let_a_passive_caller_claim_replies_so_the_outbox_does_not_send_them() {
        AtomicInteger sends = new AtomicInteger();
        Sender passive = devSender(message -> {
            sends.incrementAndGet();
            return new SendOutcome.RetryLater("passive", "waiting for the next request", Duration.ofHours(1));
        });
        start(new EngineBuilder(db).knowledge(SHOP).sender(passive));

        InboundSink.Receipt r = built.engine().acceptHeld(List.of(text("heidi", "怎么退货？"))).get(0);
        PassiveReplies.Claimed replies = built.engine().awaitReplies(r.inboundId(), Duration.ofSeconds(5));

        assertThat(replies.complete()).isTrue();
        assertThat(replies.texts()).singleElement().asString().contains("7 天内");
        assertThat(built.engine().awaitReplies(r.inboundId(), Duration.ofMillis(10)).texts()).isEmpty();
    }

    /** Stands in for the LLM summarizer: quick offline summary in the transaction, a slow "model" summary after it. */
    private static final class SlowModelSummarizer implements Summarizer {
        final CountDownLatch release = new CountDownLatch(1);
        final Summarizer offline = new ExtractiveSummarizer();

        @Override
        public String summarize(List<Message> transcript, List<HandoffReason> reasons, String language) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "MODEL SUMMARY: customer wants a person";
        }

        @Override
        public Summarizer immediate() {
            return offline;
        }
    }

    @Test
    void should_confirm_the_handoff_before_the_model_has_written_the_summary() {
        SlowModelSummarizer summarizer = new SlowModelSummarizer();
        start(new EngineBuilder(db).knowledge(SHOP).sender(new DeliveredSender()).summarizer(summarizer));

        List<String> confirmation = ask(text("erin", "转人工"));

        assertThat(confirmation).singleElement().asString().contains("第 1 位");
        long convId = db.withConnection(c -> built.store().conversations().inState(c, ConversationState.QUEUED))
                .get(0).id();
        TicketRepository.Row quick = db.withConnection(c -> built.store().tickets().activeFor(c, convId)).orElseThrow();
        assertThat(quick.summary()).isNotBlank().doesNotContain("MODEL SUMMARY");

        summarizer.release.countDown();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            TicketRepository.Row row = db.withConnection(c -> built.store().tickets().activeFor(c, convId))
                    .orElseThrow();
            assertThat(row.summary()).isEqualTo("MODEL SUMMARY: customer wants a person");
            assertThat(row.ticket().summary()).contains("MODEL SUMMARY");
        });
    }
}
