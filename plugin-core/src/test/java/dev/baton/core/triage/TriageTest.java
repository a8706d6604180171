package dev.baton.core.triage;

import dev.baton.core.conversation.TriageSignals;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.core.handoff.Decision;
import dev.baton.core.handoff.HandoffConfig;
import dev.baton.core.handoff.HandoffPolicy;
import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.handoff.PolicyInput;
import dev.baton.text.Texts;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Triage with the real in-process model (loaded once for the class, about a second). */
class TriageTest {

    /** Counts (and keeps) single-text embeddings so that tests can check the "embed once" contract. */
    static final class CountingModel implements EmbeddingModel {
        final EmbeddingModel delegate;
        final AtomicInteger singleCalls = new AtomicInteger();
        final List<String> singleTexts = new CopyOnWriteArrayList<>();

        CountingModel(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (segments.size() == 1) {
                singleCalls.incrementAndGet();
                singleTexts.add(segments.get(0).text());
            }
            return delegate.embedAll(segments);
        }
    }

    static CountingModel model;
    static Triage triage;
    static HandoffPolicy policy;

    @BeforeAll
    static void load() {
        model = new CountingModel(new BgeSmallZhV15QuantizedEmbeddingModel());
        HandoffConfig handoff = HandoffConfig.defaults();
        triage = new Triage(TriageConfig.defaults().withExtraKeywords(handoff.keywords()), model);
        policy = new HandoffPolicy(handoff);
    }

    private static TriageSignals analyze(String text) {
        return triage.analyze(TriageInput.of(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"转人工", "我要转人工！！", "帮我找个人工客服", "你们有没有真人啊", "别让机器人回我了，叫你们经理来",
            "I want to talk to a human", "can I speak to a real person please", "agent please",
            "connect me with someone who can help", "transfer me to the billing team"})
    void should_detect_explicit_request_when_customer_asks_for_a_person(String text) {
        TriageSignals s = analyze(text);
        assertThat(s.explicitRequest().detected()).as(text).isTrue();
        assertThat(policy.decide(PolicyInput.of(s))).isInstanceOfSatisfying(Decision.Handoff.class,
                h -> assertThat(h.reasons()).contains(HandoffReason.EXPLICIT_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"不要转人工", "不用转人工了，我自己看看", "不需要人工客服", "I don't need a human",
            "I don't want to talk to an agent, just tell me the price", "no need for a real person"})
    void should_not_detect_explicit_request_when_request_is_negated(String text) {
        // when
        TriageSignals s = analyze(text);
        // then
        assertThat(s.explicitRequest().detected()).as(text).isFalse();
        assertThat(s.explicitRequest().negated()).as(text).isTrue();
        assertThat(policy.decide(PolicyInput.of(s))).as(text).isInstanceOf(Decision.Answer.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"我的快递到哪了", "how do I reset my password", "what are your opening hours",
            "I need to speak to customer service about my order hours", "人工费怎么算"})
    void should_not_detect_explicit_request_when_message_is_an_ordinary_question(String text) {
        assertThat(analyze(text).explicitRequest().detected()).as(text).isFalse();
    }

    @Test
    void should_still_detect_request_when_negation_is_far_before_it() {
        // given a negated clause about the bot, then a request
        TriageSignals s = analyze("我不想跟机器人聊 转人工");
        // then
        assertThat(s.explicitRequest().detected()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"太难吃了，再也不点了", "送餐慢得要死，饭都凉了", "不好吃", "this is the worst service ever",
            "my flight was delayed 5 hours and nobody helps", "not helpful at all"})
    void should_score_negative_when_text_is_negative(String text) {
        TriageSignals.Sentiment s = analyze(text).sentiment();
        assertThat(s.polarity()).as(text).isEqualTo(TriageSignals.Polarity.NEGATIVE);
        assertThat(s.score()).as(text).isBetween(-1.0, -0.1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"很好吃，送餐也快，好评", "服务态度非常好，谢谢", "不错", "thanks so much, great service!",
            "not bad at all, I love it"})
    void should_score_positive_when_text_is_positive(String text) {
        TriageSignals.Sentiment s = analyze(text).sentiment();
        assertThat(s.polarity()).as(text).isEqualTo(TriageSignals.Polarity.POSITIVE);
        assertThat(s.score()).as(text).isBetween(0.1, 1.0);
    }

    @Test
    void should_score_neutral_when_text_is_a_plain_question() {
        assertThat(analyze("请问营业时间是几点？").sentiment().polarity()).isEqualTo(TriageSignals.Polarity.NEUTRAL);
        assertThat(analyze("what time do you open?").sentiment().polarity()).isEqualTo(TriageSignals.Polarity.NEUTRAL);
    }

    @Test
    void should_flip_polarity_when_sentiment_word_is_negated() {
        assertThat(analyze("好吃").sentiment().score()).isPositive();
        assertThat(analyze("一点也不好吃").sentiment().score()).isNegative();
        assertThat(analyze("helpful").sentiment().score()).isPositive();
        assertThat(analyze("not helpful").sentiment().score()).isNegative();
    }

    @Test
    void should_find_complaint_intent_when_customer_complains() {
        assertThat(analyze("我要投诉你们的快递员").intent().name()).isEqualTo("complaint");
        assertThat(analyze("I want to file a complaint against your company").intent().name()).isEqualTo("complaint");
    }

    @Test
    void should_find_sensitive_intents_when_message_is_about_account_or_fraud() {
        assertThat(analyze("我想换绑手机号").intent().name()).isEqualTo("account_change");
        assertThat(analyze("我的卡被盗刷了").intent().name()).isEqualTo("fraud");
        assertThat(policy.decide(PolicyInput.of(analyze("我的卡被盗刷了"))))
                .isInstanceOfSatisfying(Decision.Handoff.class,
                        h -> assertThat(h.reason()).isEqualTo(HandoffReason.SENSITIVE_INTENT));
    }

    @Test
    void should_find_intent_by_similarity_when_no_keyword_matches() {
        TriageSignals.IntentMatch m = analyze("我的包裹怎么还没到").intent();
        assertThat(m).isNotNull();
        assertThat(m.name()).isEqualTo("order_status");
        assertThat(m.method()).isEqualTo(TriageSignals.Method.SIMILARITY);
    }

    @Test
    void should_detect_repetition_when_customer_rephrases_an_earlier_message() {
        // given
        List<String> earlier = List.of("你好", "我的订单什么时候发货", "好的");
        // when
        TriageSignals s = triage.analyze(new TriageInput("我的订单啥时候发货啊", earlier, null));
        // then
        assertThat(s.repetition().repeated()).isTrue();
        assertThat(s.repetition().earlierIndex()).isEqualTo(1);
    }

    @Test
    void should_detect_exact_repetition_when_text_differs_only_in_punctuation_and_case() {
        TriageSignals s = triage.analyze(new TriageInput("Where is my ORDER??", List.of("where is my order"), "en"));
        assertThat(s.repetition()).isEqualTo(new TriageSignals.Repetition(true, 1.0, 0, true));
    }

    @Test
    void should_not_detect_repetition_when_messages_are_short_acknowledgements() {
        TriageSignals s = triage.analyze(new TriageInput("好的", List.of("好的"), null));
        assertThat(s.repetition().repeated()).isFalse();
    }

    @Test
    void should_embed_each_text_once_when_conversation_goes_on() {
        // given a fresh triage over the counting model
        Triage t = new Triage(TriageConfig.defaults(), model);
        int before = model.singleCalls.get();
        // when three turns, each with the earlier ones as history
        t.analyze(new TriageInput("第一条消息内容", List.of(), null));
        t.analyze(new TriageInput("第二条消息内容", List.of("第一条消息内容"), null));
        t.analyze(new TriageInput("第三条消息内容", List.of("第一条消息内容", "第二条消息内容"), null));
        // then one model call per new text
        assertThat(model.singleCalls.get() - before).isEqualTo(3);
    }

    @Test
    void should_classify_english_sentiment_without_another_model_call() {
        // given triage as shipped: English sentiment by the trained classifier over words and the lexicon's readings
        Triage t = new Triage(TriageConfig.defaults(), model);
        int before = model.singleCalls.get();
        // when / then
        assertThat(t.analyze(TriageInput.of("my suitcase has been missing for a week")).sentiment().polarity())
                .isEqualTo(TriageSignals.Polarity.NEGATIVE);
        assertThat(t.analyze(TriageInput.of("do you deliver to my area on sundays?")).sentiment().polarity())
                .isEqualTo(TriageSignals.Polarity.NEUTRAL);
        assertThat(t.analyze(TriageInput.of("快递员态度很好，谢谢")).sentiment().polarity())
                .isEqualTo(TriageSignals.Polarity.POSITIVE);
        // the intent model is called once per text, and nothing else
        assertThat(model.singleCalls.get() - before).isEqualTo(3);
    }

    @Test
    void should_call_the_english_model_only_for_english_messages_the_words_leave_unsure() {
        // given triage.english-sentiment: embedding, with bge-small-en from the test class path
        CountingModel english = new CountingModel(dev.baton.knowledge.embed.InProcessEmbeddings.bgeSmallEnQuantized());
        TriageConfig cfg = TriageConfig.defaults().with(new TriageOverrides(null, null, null, null, null, null, null,
                "embedding"));
        Triage t = new Triage(cfg, model, english);
        SentimentScorer words = new SentimentScorer(TriageConfig.defaults().sentiment());
        List<String> texts = List.of("my suitcase has been missing for a week", "well that was an experience",
                "hmm not sure about this");
        long unsure = texts.stream().filter(x -> words.wordsConfidence(Texts.normalise(x))
                < cfg.sentiment().englishEmbeddingBelow()).count();
        // when
        texts.forEach(x -> t.analyze(TriageInput.of(x)));
        assertThat(t.analyze(TriageInput.of("快递员态度很好，谢谢")).sentiment().polarity())
                .isEqualTo(TriageSignals.Polarity.POSITIVE);
        // then one call per unsure English message; Chinese never reaches the English model
        assertThat(unsure).isPositive();
        assertThat(english.singleCalls).hasValue((int) unsure);
    }

    @Test
    void should_embed_the_message_in_the_form_the_knowledge_search_embeds() {
        // when: traditional Chinese with full-width digits
        analyze("請問訂單１２３怎麼退貨？");
        // then the model saw the simplified, half-width form (Texts.dense), the very text the knowledge search embeds,
        // so a caching model embeds it once per turn
        assertThat(model.singleTexts).contains("请问订单123怎么退货？").doesNotContain("請問訂單123怎麼退貨？");
    }

    @Test
    void should_detect_language_when_no_hint_is_given() {
        assertThat(analyze("我的iPhone充不进电").language()).isEqualTo("zh");
        assertThat(analyze("my phone will not charge").language()).isEqualTo("en");
        assertThat(triage.analyze(new TriageInput("ok", List.of(), "zh-CN")).language()).isEqualTo("zh");
        // the engine's rule: a Chinese message naming a product in Latin letters is Chinese (2 of 8 letters)
        assertThat(analyze("iPhone 坏了").language()).isEqualTo("zh");
    }

    @Test
    void should_return_neutral_empty_signals_when_text_is_blank() {
        TriageSignals s = analyze("   ");
        assertThat(s.explicitRequest().detected()).isFalse();
        assertThat(s.intent()).isNull();
        assertThat(s.sentiment().polarity()).isEqualTo(TriageSignals.Polarity.NEUTRAL);
    }

    @Test
    void should_round_trip_through_json_when_stored_with_the_message() throws Exception {
        // given
        TriageSignals s = triage.analyze(new TriageInput("我要投诉，太差了", List.of("太差了"), null));
        ObjectMapper json = new ObjectMapper();
        // when
        String text = json.writeValueAsString(s);
        TriageSignals back = json.readValue(text, TriageSignals.class);
        // then
        assertThat(back).isEqualTo(s);
        assertThat(text).contains("\"polarity\":\"negative\"", "\"method\":\"keyword\"");
    }

    @Test
    void should_add_operator_intent_when_overrides_define_one() {
        // given
        TriageConfig cfg = TriageConfig.defaults().with(new TriageOverrides(List.of("找店长"), null,
                List.of(new TriageConfig.IntentDefinition("warranty_claim", List.of("保修"), null,
                        List.of("我的手机坏了可以保修吗", "is this covered by the warranty"))), null, null, null, null, null));
        Triage t = new Triage(cfg, model);
        // when / then
        assertThat(t.analyze(TriageInput.of("这个还在保修期吗")).intent().name()).isEqualTo("warranty_claim");
        assertThat(t.analyze(TriageInput.of("我要找店长")).explicitRequest().detected()).isTrue();
        assertThat(cfg.intents()).extracting(TriageConfig.IntentDefinition::name).contains("complaint", "fraud");
    }
}
