package dev.baton.knowledge.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void should_fold_traditional_width_fillers_and_punctuation_when_building_the_lexical_form() {
        assertThat(normalizer.lexical("請問，花唄怎麼還款呢？")).isEqualTo("花呗怎么还款");
        assertThat(normalizer.lexical("您好！ＸＢＯＸ手柄能退吗")).isEqualTo("xbox手柄能退");
        assertThat(normalizer.lexical("How do I RESET it?")).isEqualTo("how do i reset it");
    }

    @Test
    void should_keep_the_text_when_it_consists_of_fillers_only() {
        assertThat(normalizer.lexical("您好")).isEqualTo("您好");
        assertThat(normalizer.lexical("")).isEmpty();
    }
}
