package dev.baton.core.csat;

import dev.baton.core.channel.InboundContent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RatingReaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "5|5|-",
            "５|5|-",
            " 4 |4|-",
            "4 很好|4|很好",
            "4很好|4|很好",
            "４ 很快，谢谢|4|很快，谢谢",
            "４／５|4|-",
            "3 - slow reply|3|slow reply",
            "2, the agent was rude|2|the agent was rude",
            "5分|5|-",
            "4星 还行|4|还行",
            "4/5|4|-",
            "4 stars|4|-",
            "1.|1|-",
            "五星|5|-",
            "五星好评|5|好评",
            "三分，一般|3|一般",
            "五|5|-",
            "★★★★|4|-",
            "⭐⭐⭐⭐⭐ great|5|great"})
    void should_read_a_score_and_keep_the_comment(String text, int score, String comment) {
        assertThat(RatingReader.read(text)).contains(new InboundContent.Rating(score, comment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "12345", "10", "4.5", "5pm", "where is my order", "一般", "一下", "",
            "my order 5", "★★★★★★"})
    void should_not_read_other_messages_as_a_rating(String text) {
        assertThat(RatingReader.read(text)).isEmpty();
    }
}
