package dev.baton.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The matching form, the embedded form and the phrase search. */
class TextsTest {

    @Test
    void should_keep_punctuation_and_wording_when_building_the_dense_form() {
        assertThat(Texts.dense("請問，花唄怎麼還款呢？")).isEqualTo("请问，花呗怎么还款呢？");
        assertThat(Texts.dense("ＸＢＯＸ１号")).isEqualTo("XBOX1号");
    }

    @Test
    void should_fold_only_full_width_letters_digits_and_the_ideographic_space_in_the_dense_form() {
        assertThat(Texts.dense("\u3000ｉＰｈｏｎｅ　１５ 怎么退？\u3000")).isEqualTo("iPhone 15 怎么退？");
        assertThat(Texts.dense("How do I RESET it?")).isEqualTo("How do I RESET it?");
        assertThat(Texts.dense(null)).isEmpty();
        assertThat(Texts.dense("")).isEmpty();
    }

    @Test
    void should_fold_width_case_apostrophes_and_spaces_when_normalising_for_matching() {
        assertThat(Texts.normalise("  ＡＧＥＮＴ\u3000please  ")).isEqualTo("agent please");
        assertThat(Texts.normalise("I don\u2019t   need it")).isEqualTo("i don't need it");
        assertThat(Texts.normalise("转人工！！")).isEqualTo("转人工!!");
    }

    @Test
    void should_find_latin_phrases_on_word_boundaries_and_chinese_phrases_anywhere() {
        assertThat(Texts.find("i want an agent", "agent", 0)).isEqualTo(10);
        assertThat(Texts.find("our agents are busy", "agent", 0)).isEqualTo(-1);
        assertThat(Texts.find("reagent", "agent", 0)).isEqualTo(-1);
        assertThat(Texts.find("帮我转人工吧", "转人工", 0)).isEqualTo(2);
        assertThat(Texts.find("转agent", "agent", 0)).isEqualTo(1);
    }

    @Test
    void should_start_a_clause_after_the_last_delimiter() {
        assertThat(Texts.clauseStart("不要,转人工", 3)).isEqualTo(3);
        assertThat(Texts.clauseStart("不要转人工", 2)).isZero();
    }
}
