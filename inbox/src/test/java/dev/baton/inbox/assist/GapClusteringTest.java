package dev.baton.inbox.assist;

import dev.baton.core.knowledge.QuestionVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The greedy grouping: by the threshold, to the closest centre, never across vector spaces, the same every time. */
class GapClusteringTest {

    private static QuestionVector v(String space, float... values) {
        return new QuestionVector(space, QuestionVector.unit(values));
    }

    @Test
    void should_join_the_closest_group_above_the_threshold_and_start_one_below_it() {
        List<QuestionVector> vs = Arrays.asList(
                v("en", 1, 0, 0), v("en", 0, 1, 0), v("en", 0.95f, 0.1f, 0), v("en", 0.1f, 0.95f, 0),
                v("en", 0.6f, 0.6f, 0.52f), null);

        List<List<Integer>> groups = GapClustering.cluster(vs, 0.8);

        assertThat(groups).containsExactly(List.of(0, 2), List.of(1, 3), List.of(4), List.of(5));
    }

    @Test
    void should_never_group_questions_of_different_models() {
        List<QuestionVector> vs = List.of(v("zh", 1, 0), v("en", 1, 0), v("zh", 1, 0.01f));

        assertThat(GapClustering.cluster(vs, 0.8)).containsExactly(List.of(0, 2), List.of(1));
    }

    @Test
    void should_give_the_same_groups_every_time() {
        List<QuestionVector> vs = new ArrayList<>();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            vs.add(v(i % 3 == 0 ? "zh" : "en", r.nextFloat(), r.nextFloat(), r.nextFloat(), r.nextFloat()));
        }

        assertThat(GapClustering.cluster(vs, 0.9)).isEqualTo(GapClustering.cluster(List.copyOf(vs), 0.9));
    }
}
