package dev.baton.core.engine;

import dev.baton.core.channel.Channel;
import dev.baton.core.testing.DeliveredSender;
import dev.baton.core.channel.InboundContent;
import dev.baton.core.channel.InboundMessage;
import dev.baton.core.channel.InboundSink;
import dev.baton.core.conversation.Conversation;
import dev.baton.core.conversation.ConversationState;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.SmallTalkKind;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import dev.baton.core.store.Database;
import dev.baton.core.store.TicketRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation's judgement through the engine and the dev channel (no model: the engine's own small talk, miss
 * counting, follow-up search and language): what a customer would notice.
 */
class ConversationJudgementTest {

    private static final KnowledgeAnswer FEE = new KnowledgeAnswer("delivery.md#fee", "How much is the delivery fee?",
            "Delivery costs 5 within 3 km.", "Delivery › How much is the delivery fee?", 0.9, true);
    private static final KnowledgeAnswer FEE_ZH = new KnowledgeAnswer("zh/delivery.md#fee", "配送费怎么算？",
            "3 公里内配送费 5 元。", "配送 › 配送费怎么算？", 0.88, true);
    private static final KnowledgeAnswer RETURNS = new KnowledgeAnswer("returns.md#how", "怎么退货？",
            "签收后 7 天内可申请无理由退货。", "退换货 › 怎么退货？", 0.9, true);
    private static final KnowledgeAnswer WEAK = new KnowledgeAnswer("x.md#y", "Gift wrapping", "We wrap gifts.",
            "x › Gift wrapping", 0.2, false);

    private final List<String> searched = new CopyOnWriteArrayList<>();
    /** Delivery fees (en, and zh for a Chinese question with a Latin word), returns; everything else is weak. */
    private final KnowledgeSearch shop = (q, k) -> {
        searched.add(q);
        String l = q.toLowerCase();
        if (l.contains("delivery fee") || l.contains("配送费")) {
            return l.contains("配送费") ? List.of(FEE, FEE_ZH) : List.of(FEE);
        }
        if (q.contains("退货")) {
            return List.of(RETURNS);
        }
        return List.of(WEAK);
    };

    private Database db;
    private EngineBuilder.Built built;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:h2:mem:judgement-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        built = new EngineBuilder(db).knowledge(shop).sender(new DeliveredSender()).build();
        built.engine().start();
    }

    @AfterEach
    void tearDown() {
        built.close();
        db.close();
    }

    private List<String> send(String customer, InboundContent content) {
        InboundMessage m = new InboundMessage(Channel.of("dev"), UUID.randomUUID().toString(), customer, null, null,
                Instant.now(), content);
        InboundSink.Receipt r = built.engine().accept(List.of(m)).get(0);
        return built.engine().repliesFor(r.inboundId(), Duration.ofSeconds(10)).stream()
                .map(built.engine()::text).toList();
    }

    private List<String> say(String customer, String text) {
        return send(customer, new InboundContent.Text(text));
    }

    private Conversation conversation(String customer) {
        return db.withConnection(c -> {
            long id = built.store().customers().upsert(c, Channel.of("dev"), customer, null, Instant.now()).id();
            return built.store().conversations().forCustomer(c, id, Channel.of("dev"), null, Instant.now());
        });
    }

    private List<Message> transcript(String customer) {
        long id = conversation(customer).id();
        return db.withConnection(c -> built.store().messages().transcript(c, id));
    }

    @Test
    void should_send_chinese_notices_when_a_chinese_customer_presses_the_human_button() {
        say("mei", "怎么退货？");

        // the button's label is English ("Talk to a human"); the customer wrote Chinese
        List<String> queued = send("mei", new InboundContent.ButtonTap("baton_human", "Talk to a human", true));
        assertThat(queued).singleElement().asString().contains("第 1 位");
        Conversation conv = conversation("mei");
        assertThat(conv.state()).isEqualTo(ConversationState.QUEUED);
        TicketRepository.Row ticket = db.withConnection(c -> built.store().tickets().activeFor(c, conv.id()))
                .orElseThrow();
        assertThat(ticket.reasons()).contains(HandoffReason.BUTTON);
        assertThat(ticket.ticket().language()).isEqualTo("zh");

        // an order number and an emoji are no evidence either
        say("mei", "#A20261203");
        say("mei", "👍");
        built.desk().claim(ticket.id(), "ann");
        built.desk().resolve(conv.id(), "ann", "done", "resolved");
        assertThat(transcript("mei")).extracting(Message::text).anyMatch(t -> t.contains("人工服务已结束"));
        long customerId = conv.customerId();
        assertThat(db.withConnection(c -> built.store().customers().byId(c, customerId)).orElseThrow().language())
                .isEqualTo("zh");
    }

    @Test
    void should_answer_small_talk_briefly_without_the_knowledge_a_miss_or_a_bot_turn() {
        assertThat(say("sam", "hi")).singleElement().asString().isEqualTo("Hi! How can I help you today?");
        assertThat(say("sam", "在吗")).singleElement().asString().startsWith("在的");
        // "在吗" made the conversation Chinese; one English word does not move it back
        assertThat(say("sam", "thanks!")).singleElement().asString().startsWith("不客气");
        assertThat(say("sam", "👍")).singleElement().asString().doesNotContain("couldn't find");

        assertThat(searched).isEmpty();
        assertThat(transcript("sam")).filteredOn(Message::fromCustomer).allSatisfy(m -> {
            assertThat(m.signals().knowledgeMiss()).isFalse();
            assertThat(m.signals().triage().smallTalk()).isNotNull();
        });
        assertThat(transcript("sam").get(0).signals().triage().smallTalk()).isEqualTo(SmallTalkKind.GREETING);
        assertThat(conversation("sam").state()).isEqualTo(ConversationState.BOT);
        assertThat(conversation("sam").botTurns()).isZero();
    }

    @Test
    void should_search_a_question_without_its_greeting() {
        assertThat(say("gus", "hi there, how much is the delivery fee?")).singleElement().asString()
                .contains("Delivery costs 5");
        assertThat(searched).containsExactly("how much is the delivery fee?");
    }

    @Test
    void should_count_only_genuine_questions_toward_the_knowledge_miss_rule() {
        say("kim", "can I pay with bitcoin?");
        say("kim", "ok thanks");
        say("kim", "#A1234567");
        assertThat(conversation("kim").state()).as("small talk and an order number are not misses")
                .isEqualTo(ConversationState.BOT);

        say("kim", "do you sell gift vouchers?");
        Conversation conv = conversation("kim");
        assertThat(conv.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(db.withConnection(c -> built.store().tickets().activeFor(c, conv.id())).orElseThrow().reasons())
                .containsExactly(HandoffReason.KNOWLEDGE_MISS);
    }

    @Test
    void should_never_hand_off_a_customer_who_only_makes_small_talk() {
        for (String s : List.of("hello", "are you a bot?", "ok", "好的", "谢谢", "哈哈", "bye")) {
            say("lou", s);
        }
        assertThat(conversation("lou").state()).isEqualTo(ConversationState.BOT);
    }

    @Test
    void should_read_a_follow_up_with_the_question_it_follows() {
        say("flo", "How much is the delivery fee?");
        List<String> followUp = say("flo", "does that apply to groceries too?");
        assertThat(followUp).singleElement().asString().contains("Delivery costs 5");
        assertThat(searched).last().asString().contains("delivery fee").contains("groceries");

        // a new topic is not glued to the old one when the message alone already knows nothing: honest "don't know"
        searched.clear();
        assertThat(say("flo", "did the football team win last night?")).singleElement().asString()
                .contains("couldn't find");
    }

    @Test
    void should_answer_in_the_conversations_language_when_the_knowledge_has_both() {
        assertThat(say("zoe", "请问配送费 delivery fee 怎么算")).singleElement().asString().contains("5 元");
    }
}
