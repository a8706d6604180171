package dev.baton.core.triage;

import dev.baton.text.Texts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer-service rules written by hand, not taken from any eval set: the lexicon scorer alone, and as shipped (the
 * trained classifier on top for English) the same answers.
 */
class SentimentScorerTest {

    private static final SentimentScorer LEXICON = SentimentScorer.lexiconOnly(TriageConfig.defaults().sentiment());
    private static final SentimentScorer SHIPPED = new SentimentScorer(TriageConfig.defaults().sentiment());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // a stated failure is negative without an emotion word
            "my order was supposed to arrive on monday                       | negative",
            "been on hold for 45 minutes                                     | negative",
            "I'm still waiting for my refund                                 | negative",
            "the app won't load                                              | negative",
            "no one answers the phone                                        | negative",
            "I will never order from you again                               | negative",
            "not happy with this                                             | negative",
            // courtesy is not praise in a request, nor next to a failure (sarcasm)
            "can you tell me the baggage allowance? thanks                   | neutral",
            "please send me the invoice for order 1234                       | neutral",
            "thanks for the 3 hour delay                                     | negative",
            "thank you so much, the agent was great                          | positive",
            "thanks, all sorted now                                          | positive",
            // plain questions and statements without cues
            "what time do you open?                                          | neutral",
            "is there wifi on the train?                                     | neutral",
            "I am flying to Boston next week                                 | neutral",
            // emoji, emoticons, hashtags
            "made it home 😍                                                 | positive",
            "landed at last :)                                               | positive",
            "my bag is still at the airport 😡                               | negative",
            "#worstservice                                                   | negative",
            "see http://example.com/a:b                                      | neutral",
            // Chinese keeps its two-class behaviour
            "很好吃，送得也快                                                   | positive",
            "一点也不好吃                                                     | negative",
    })
    void should_score_customer_service_messages(String text, String polarity) {
        assertThat(LEXICON.score(Texts.normalise(text)).polarity().code()).isEqualTo(polarity);
        assertThat(SHIPPED.score(Texts.normalise(text)).polarity().code()).isEqualTo(polarity);
    }
}
