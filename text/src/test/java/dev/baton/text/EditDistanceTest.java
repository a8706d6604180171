package dev.baton.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Damerau–Levenshtein (optimal string alignment), bounded. */
class EditDistanceTest {

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({
            "person, person, 0",
            "persn, person, 1",     // a letter missing
            "humman, human, 1",     // one extra
            "humna, human, 1",      // two swapped
            "agenr, agent, 1",      // one wrong
            "represntatve, representative, 2",
            "speak, person, 3",     // over the bound of 2: reported as 3
            "a, abcdef, 3",
    })
    void should_count_the_edits_up_to_the_bound(String a, String b, int expected) {
        assertThat(EditDistance.bounded(a, b, 2)).isEqualTo(expected);
    }
}
