package dev.baton.core.handoff;

import dev.baton.core.conversation.HandoffReason;
import dev.baton.core.conversation.TriageSignals;
import dev.baton.core.conversation.TriageSignals.ExplicitRequest;
import dev.baton.core.conversation.TriageSignals.IntentMatch;
import dev.baton.core.conversation.TriageSignals.Method;
import dev.baton.core.conversation.TriageSignals.Polarity;
import dev.baton.core.conversation.TriageSignals.Repetition;
import dev.baton.core.conversation.TriageSignals.Sentiment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per rule of {@link HandoffPolicy}, on hand-built signals (no model). */
class HandoffPolicyTest {

    private final HandoffPolicy policy = new HandoffPolicy(HandoffConfig.defaults());

    private static TriageSignals signals(ExplicitRequest req, double sentiment, IntentMatch intent, Repetition rep) {
        Polarity p = sentiment <= -0.12 ? Polarity.NEGATIVE : sentiment >= 0.12 ? Polarity.POSITIVE : Polarity.NEUTRAL;
        return new TriageSignals("zh", req, new Sentiment(p, sentiment), intent, rep, 100);
    }

    private static TriageSignals plain() {
        return signals(ExplicitRequest.none(), 0.0, null, Repetition.none());
    }

    private static TriageSignals withSentiment(double score) {
        return signals(ExplicitRequest.none(), score, null, Repetition.none());
    }

    private static TriageSignals withIntent(String name, double similarity) {
        return signals(ExplicitRequest.none(), 0.0, new IntentMatch(name, similarity, Method.SIMILARITY, "example"),
                Repetition.none());
    }

    private static TriageSignals repeated() {
        return signals(ExplicitRequest.none(), 0.0, null, new Repetition(true, 0.95, 0, false));
    }

    @Test
    void should_answer_when_no_rule_fires() {
        // given a calm first message
        // when
        Decision d = policy.decide(PolicyInput.of(plain()));
        // then
        assertThat(d).isInstanceOf(Decision.Answer.class);
        assertThat(d.explanation()).startsWith("no rule fired").contains("bot turns 0/15");
    }

    @Test
    void should_hand_off_with_explicit_request_when_customer_asks_for_a_person() {
        // given
        TriageSignals s = signals(new ExplicitRequest(true, Method.KEYWORD, "转人工", 1.0, false), 0.0, null,
                Repetition.none());
        // when
        Decision d = policy.decide(PolicyInput.of(s));
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.EXPLICIT_REQUEST);
            assertThat(h.priority()).isEqualTo(50);
            assertThat(h.group()).isEqualTo("support");
            assertThat(h.explanation()).contains("explicit_request", "keyword", "转人工");
        });
    }

    @Test
    void should_answer_when_request_for_a_person_is_negated() {
        // given triage matched "转人工" but saw "不要" before it
        TriageSignals s = signals(new ExplicitRequest(false, Method.KEYWORD, "转人工", 1.0, true), 0.0, null,
                Repetition.none());
        // when
        Decision d = policy.decide(PolicyInput.of(s));
        // then
        assertThat(d).isInstanceOf(Decision.Answer.class);
        assertThat(d.explanation()).contains("negated");
    }

    @Test
    void should_hand_off_with_button_when_human_button_pressed() {
        // given
        PolicyInput in = new PolicyInput(plain(), false, true, null, List.of(), List.of(), 1);
        // when
        Decision d = policy.decide(in);
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class,
                h -> assertThat(h.reasons()).containsExactly(HandoffReason.BUTTON));
    }

    @Test
    void should_hand_off_with_negative_sentiment_when_threshold_reached_on_consecutive_turns() {
        // given two negative turns in a row (default: <= -0.5 twice)
        PolicyInput once = new PolicyInput(withSentiment(-0.8), false, false, null, List.of(withSentiment(0.3)),
                List.of(false), 1);
        PolicyInput twice = new PolicyInput(withSentiment(-0.8), false, false, null, List.of(withSentiment(-0.6)),
                List.of(false), 1);
        // when
        Decision first = policy.decide(once);
        Decision second = policy.decide(twice);
        // then
        assertThat(first).isInstanceOf(Decision.Answer.class);
        assertThat(second).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.NEGATIVE_SENTIMENT);
            assertThat(h.explanation()).contains("2 consecutive turns", "-0.50", "-0.80");
        });
    }

    @Test
    void should_answer_a_second_negative_turn_that_the_knowledge_answers_and_hand_off_on_one_it_cannot() {
        // given a customer reporting one problem after another: "there was a fish burger instead of the chicken one",
        // then "and the salad is completely missing?" (both negative)
        List<TriageSignals> earlier = List.of(withSentiment(-0.7));
        PolicyInput answered = new PolicyInput(withSentiment(-0.8), false, false, null, earlier, List.of(false), 1,
                true);
        PolicyInput unanswered = new PolicyInput(withSentiment(-0.8), true, false, null, earlier, List.of(false), 1,
                false);
        TriageSignals furious = new TriageSignals("en", ExplicitRequest.none(),
                new Sentiment(Polarity.NEGATIVE, -0.98, true), null, Repetition.none(), 100);
        PolicyInput furiousAnswered = new PolicyInput(furious, false, false, null, earlier, List.of(false), 1, true);
        // when
        Decision a = policy.decide(answered);
        Decision u = policy.decide(unanswered);
        Decision f = policy.decide(furiousAnswered);
        // then the knowledge's answer comes first; without one, or when furious, a person
        assertThat(a).isInstanceOf(Decision.Answer.class);
        assertThat(a.explanation()).contains("2/2 turns", "the knowledge answers this message");
        assertThat(u).isInstanceOfSatisfying(Decision.Handoff.class,
                h -> assertThat(h.reasons()).contains(HandoffReason.NEGATIVE_SENTIMENT));
        assertThat(f).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.NEGATIVE_SENTIMENT);
            assertThat(h.explanation()).contains("furious");
        });
    }

    @Test
    void should_hand_off_with_complaint_when_intent_is_complaint() {
        // given
        TriageSignals s = signals(ExplicitRequest.none(), -0.3,
                new IntentMatch("complaint", 1.0, Method.KEYWORD, "投诉"), Repetition.none());
        // when
        Decision d = policy.decide(PolicyInput.of(s));
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.COMPLAINT);
            assertThat(h.priority()).isEqualTo(60);
        });
    }

    @Test
    void should_answer_when_complaint_similarity_is_below_the_rule_minimum() {
        // when
        Decision d = policy.decide(PolicyInput.of(withIntent("complaint", 0.75)));
        // then
        assertThat(d).isInstanceOf(Decision.Answer.class);
    }

    @Test
    void should_hand_off_with_repeated_question_when_customer_repeats_themselves() {
        // given
        PolicyInput in = new PolicyInput(repeated(), false, false, null, List.of(plain()), List.of(false), 1);
        // when
        Decision d = policy.decide(in);
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.REPEATED_QUESTION);
            assertThat(h.explanation()).contains("asked 2 times", "0.95");
        });
    }

    @Test
    void should_wait_for_more_repeats_when_times_is_configured_higher() {
        // given times: 3
        var cfg = new HandoffConfig(null, null, null, null, null, null,
                new HandoffConfig.RepetitionRule(null, null, null, 3), null, null, null, null, null, null, null);
        PolicyInput in = new PolicyInput(repeated(), false, false, null, List.of(plain()), List.of(false), 1);
        PolicyInput again = new PolicyInput(repeated(), false, false, null, List.of(plain(), repeated()),
                List.of(false, false), 2);
        // when / then
        assertThat(new HandoffPolicy(cfg).decide(in)).isInstanceOf(Decision.Answer.class);
        assertThat(new HandoffPolicy(cfg).decide(again)).isInstanceOf(Decision.Handoff.class);
    }

    @Test
    void should_hand_off_with_knowledge_miss_when_misses_are_consecutive() {
        // given two misses in a row (default count 2)
        PolicyInput in = new PolicyInput(plain(), true, false, null, List.of(plain()), List.of(true), 1);
        PolicyInput broken = new PolicyInput(plain(), true, false, null, List.of(plain(), plain()),
                List.of(true, false), 2);
        // when / then
        assertThat(policy.decide(in)).isInstanceOfSatisfying(Decision.Handoff.class,
                h -> assertThat(h.reasons()).containsExactly(HandoffReason.KNOWLEDGE_MISS));
        assertThat(policy.decide(broken)).isInstanceOf(Decision.Answer.class);
    }

    @Test
    void should_hand_off_with_turn_limit_when_bot_answered_too_often() {
        // given
        PolicyInput in = new PolicyInput(plain(), false, false, null, List.of(), List.of(), 15);
        // when
        Decision d = policy.decide(in);
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.TURN_LIMIT);
            assertThat(h.explanation()).contains("15 times (limit 15)");
        });
    }

    @Test
    void should_hand_off_with_sensitive_intent_at_high_priority_when_account_change_detected() {
        // given
        TriageSignals s = signals(new ExplicitRequest(true, Method.KEYWORD, "human", 1.0, false), 0.0,
                new IntentMatch("account_change", 0.9, Method.SIMILARITY, "修改绑定的手机号"), Repetition.none());
        // when
        Decision d = policy.decide(PolicyInput.of(s));
        // then sensitive outranks the explicit request
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.SENSITIVE_INTENT, HandoffReason.EXPLICIT_REQUEST);
            assertThat(h.priority()).isEqualTo(80);
            assertThat(h.explanation()).contains("account_change", "identity verification");
        });
    }

    @Test
    void should_route_sensitive_intents_to_the_default_group_when_the_rule_names_none() {
        // given no handoff block (every default), then one that only renames the default group
        var renamed = new HandoffConfig(null, "front-desk", null, null, null, null, null, null, null, null, null, null, null, null);
        // when
        Decision byDefault = policy.decide(PolicyInput.of(withIntent("account_change", 0.95)));
        Decision byRenamed = new HandoffPolicy(renamed).decide(PolicyInput.of(withIntent("account_change", 0.95)));
        // then a group that exists whenever the default one does, never an undeclared "verification"
        assertThat(byDefault).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).first().isEqualTo(HandoffReason.SENSITIVE_INTENT);
            assertThat(h.group()).isEqualTo("support");
        });
        assertThat(byRenamed).isInstanceOfSatisfying(Decision.Handoff.class,
                h -> assertThat(h.group()).isEqualTo("front-desk"));
    }

    @Test
    void should_route_to_configured_group_when_rule_names_one() {
        // given sensitive-intent: { group: verification }
        var cfg = new HandoffConfig(null, null, null, null, null, null, null, null, null,
                new HandoffConfig.SensitiveIntentRule(null, null, "verification", null, null), null, null, null, null);
        // when
        Decision d = new HandoffPolicy(cfg).decide(PolicyInput.of(withIntent("fraud", 0.95)));
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class,
                h -> assertThat(h.group()).isEqualTo("verification"));
    }

    @Test
    void should_hand_off_with_vip_at_top_priority_when_tier_is_vip() {
        // given
        PolicyInput in = new PolicyInput(plain(), false, false, "VIP", List.of(), List.of(), 0);
        // when
        Decision d = policy.decide(in);
        // then
        assertThat(d).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.VIP);
            assertThat(h.priority()).isEqualTo(90);
        });
    }

    @Test
    void should_only_boost_priority_for_vip_when_direct_is_false() {
        // given vip: { direct: false }
        var cfg = new HandoffConfig(null, null, null, null, null, null, null, null, null, null,
                new HandoffConfig.VipRule(null, null, null, null, false), null, null, null);
        HandoffPolicy p = new HandoffPolicy(cfg);
        PolicyInput calm = new PolicyInput(plain(), false, false, "vip", List.of(), List.of(), 0);
        PolicyInput button = new PolicyInput(plain(), false, true, "vip", List.of(), List.of(), 0);
        // when / then
        assertThat(p.decide(calm)).isInstanceOf(Decision.Answer.class);
        assertThat(p.decide(button)).isInstanceOfSatisfying(Decision.Handoff.class, h -> {
            assertThat(h.reasons()).containsExactly(HandoffReason.VIP, HandoffReason.BUTTON);
            assertThat(h.priority()).isEqualTo(90);
        });
    }

    @Test
    void should_not_fire_a_rule_when_it_is_disabled() {
        // given turn-limit: { enabled: false }
        var cfg = new HandoffConfig(null, null, null, null, null, null, null, null,
                new HandoffConfig.TurnLimitRule(false, null, null, null), null, null, null, null, null);
        // when
        Decision d = new HandoffPolicy(cfg).decide(new PolicyInput(plain(), false, false, null, List.of(), List.of(),
                99));
        // then
        assertThat(d).isInstanceOf(Decision.Answer.class);
    }
}
