package dev.baton.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one language rule: Chinese when at least a fifth of the letters are Han characters. */
class LanguageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "怎么退货？                    | zh",
            "How do I return an item?       | en",
            "我的iPhone坏了                 | zh",
            // a Chinese customer naming a product: 2 Han characters of 8 letters
            "iPhone 坏了                    | zh",
            // exactly a fifth
            "abcd中                         | zh",
            // just under a fifth
            "abcde中                        | en",
            "my order 12345 has not arrived | en",
    })
    void should_call_text_chinese_from_a_fifth_of_han_letters(String text, String language) {
        assertThat(Language.detect(text.strip())).isEqualTo(language);
    }

    @Test
    void should_call_text_without_letters_english() {
        assertThat(Language.detect("")).isEqualTo("en");
        assertThat(Language.detect("   ")).isEqualTo("en");
        assertThat(Language.detect(null)).isEqualTo("en");
        assertThat(Language.detect("12345 ?!")).isEqualTo("en");
        assertThat(Language.detect("👍")).isEqualTo("en");
    }

    @Test
    void should_take_the_hint_over_the_text_when_there_is_one() {
        assertThat(Language.detect("ok", "zh-CN")).isEqualTo("zh");
        assertThat(Language.detect("好的", "en_US")).isEqualTo("en");
        assertThat(Language.detect("ok", "JA")).isEqualTo("ja");
        assertThat(Language.detect("iPhone 坏了", null)).isEqualTo("zh");
        assertThat(Language.detect("iPhone is broken", " ")).isEqualTo("en");
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // no words: the conversation keeps its language
            "👍                              | zh | zh",
            "#A1234567                       | zh | zh",
            "1234567890                      | zh | zh",
            "A12345 ??                       | zh | zh",
            "                                | zh | zh",
            // a Chinese customer writing a few Latin words stays Chinese
            "ok                              | zh | zh",
            "thx!                            | zh | zh",
            "pick up                         | zh | zh",
            // a sentence does move it
            "can I pay by card               | zh | en",
            // Chinese words always count
            "好的                            | en | zh",
            "我的iPhone坏了                   | en | zh",
            // a new conversation takes what it gets
            "ok                              | -  | en",
            "好                              | -  | zh",
            "👍                              | -  | en",
    })
    void should_move_a_conversations_language_only_on_written_words(String text, String current, String next) {
        assertThat(Language.following(current, text == null ? "" : text.strip())).isEqualTo(next);
    }
}
