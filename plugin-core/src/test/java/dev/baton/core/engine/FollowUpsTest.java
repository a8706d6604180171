package dev.baton.core.engine;

import dev.baton.core.conversation.Author;
import dev.baton.core.conversation.Message;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TurnSignals;
import dev.baton.core.knowledge.KnowledgeAnswer;
import dev.baton.core.knowledge.KnowledgeSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A follow-up is read with the last answered question; a new topic is not. */
class FollowUpsTest {

    private static final KnowledgeAnswer FEE = new KnowledgeAnswer("fee", "How much is delivery?", "5 within 3 km.",
            "Delivery › fee", 0.9, true);
    private static final KnowledgeAnswer HOURS = new KnowledgeAnswer("hours", "When can I order groceries?",
            "8 to 22.", "Groceries › hours", 0.85, true);
    private static final KnowledgeAnswer WEAK = new KnowledgeAnswer("w", "Gift wrap", "We wrap.", "x › w", 0.2, false);

    private final List<String> queries = new ArrayList<>();

    private final KnowledgeSearch search = (q, k) -> {
        queries.add(q);
        if (q.contains("How much is delivery")) {
            return List.of(FEE, HOURS);
        }
        return q.contains("groceries") ? List.of(HOURS) : List.of(WEAK);
    };

    private static Message customer(long id, String text, boolean miss) {
        TriageSignals t = new TriageSignals("en", TriageSignals.ExplicitRequest.none(), null, null,
                TriageSignals.Repetition.none(), 0);
        return new Message(id, 1, id, Author.CUSTOMER, null, text, null, TurnSignals.of(t, miss), Instant.now());
    }

    private static Message bot(long id, String text, String citation) {
        return new Message(id, 1, null, Author.BOT, null, text, citation, null, Instant.now());
    }

    private final List<Message> answered = List.of(customer(1, "How much is delivery?", false),
            bot(2, "5 within 3 km.", "Delivery › fee"));

    @ParameterizedTest
    @ValueSource(strings = {"does that apply to groceries too?", "is there a fee for that?", "and the other one?",
            "what about groceries?", "那另一个呢", "这个超市也能用吗", "那超市呢"})
    void should_tell_a_message_that_refers_back(String text) {
        assertThat(FollowUps.refersBack(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"can I call the guy delivering it?", "那都能用什么付", "how do I cancel Basket+?",
            "and no human for this either: how do I cancel Basket+?", "有学生折扣吗", "地址填错了还能改吗"})
    void should_tell_a_message_that_names_its_own_topic(String text) {
        assertThat(FollowUps.refersBack(text)).as(text).isFalse();
    }

    @Test
    void should_answer_a_follow_up_from_the_question_it_follows_even_when_alone_it_finds_another_entry() {
        List<KnowledgeAnswer> hits = new FollowUps(search).search("does that apply to groceries too?", 5, answered,
                "en");
        assertThat(hits.get(0)).isEqualTo(FEE);
        assertThat(queries).containsExactly("does that apply to groceries too?",
                "How much is delivery?\ndoes that apply to groceries too?");
    }

    @Test
    void should_take_the_words_the_knowledge_lacks_from_the_message_not_from_the_earlier_question() {
        // the earlier question named something the knowledge lacks; the joint search reads it again
        KnowledgeSearch lacking = (q, k) -> q.contains("How much is delivery")
                ? List.of(FEE.withUncovered(List.of("Mars")), HOURS.withUncovered(List.of("Mars")))
                : List.of(WEAK);

        List<KnowledgeAnswer> hits = new FollowUps(lacking).search("does that apply to groceries too?", 5, answered,
                "en");

        assertThat(hits.get(0).id()).isEqualTo("fee");
        assertThat(hits).allSatisfy(h -> assertThat(h.uncovered()).isEmpty());
    }

    @Test
    void should_not_let_the_earlier_question_point_a_new_unanswered_question_at_another_entry() {
        // "Can I pay with PayPal?" answered, then "is there a student discount?": alone nothing confident, and the
        // joint search confidently finds a payment entry (instalments) the new question is not about
        KnowledgeSearch search = (q, k) -> q.contains("How much is delivery") ? List.of(HOURS) : List.of(WEAK);

        List<KnowledgeAnswer> hits = new FollowUps(search).search("is there a student discount?", 5, answered, "en");

        assertThat(hits).containsExactly(WEAK);
        assertThat(KnowledgeSearch.bestConfident(hits)).isEmpty();
    }

    @Test
    void should_not_glue_a_new_topic_to_the_previous_question() {
        List<KnowledgeAnswer> hits = new FollowUps(search).search("did the match end well", 5, answered, "en");
        assertThat(hits).containsExactly(WEAK);
    }

    @Test
    void should_have_no_context_after_a_miss_or_a_person() {
        List<Message> missed = List.of(customer(1, "do you cater for weddings?", true), bot(2, "Sorry…", null));
        assertThat(FollowUps.context(missed)).isEmpty();
        List<Message> afterPerson = new ArrayList<>(answered);
        afterPerson.add(new Message(3, 1, null, Author.HUMAN, "ann", "hi", null, null, Instant.now()));
        assertThat(FollowUps.context(afterPerson)).isEmpty();
        assertThat(FollowUps.context(answered)).hasValue(new FollowUps.Context("How much is delivery?",
                "Delivery › fee"));
    }
}
