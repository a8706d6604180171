package dev.baton.inbox.assist;

import dev.baton.core.knowledge.QuestionVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups questions by meaning, deterministically and cheaply: one greedy pass in the order given (the desk gives them
 * oldest first). Each question joins the group whose centre (the normalised mean of its questions' vectors) is the
 * most similar to it, if that cosine is at least the threshold; else it starts a group. Questions of different
 * vector spaces (Chinese and English models) never share a group. Cost: one dot product per question and group,
 * {@code O(n · groups · dims)}; for the desk's bound of {@value KnowledgeGaps#MAX_QUESTIONS} questions at most a few
 * hundred million multiply-adds in the worst case (every question its own group), well under a second.
 */
public final class GapClustering {

    /**
     * The default threshold. With bge-small-zh / bge-small-en, paraphrases of one customer question ("how long does
     * a refund take" / "when will I get my money back") score about 0.8 to 0.95 and different questions on one topic
     * ("how do I return an item" / "how long does a refund take") about 0.6 to 0.75.
     */
    public static final double SIMILARITY = 0.80;

    private GapClustering() {
    }

    /**
     * The groups, each a list of indexes into {@code vectors} in the order they joined; a null vector (a question
     * without one) forms a group of its own.
     */
    public static List<List<Integer>> cluster(List<QuestionVector> vectors, double threshold) {
        List<List<Integer>> groups = new ArrayList<>();
        List<float[]> sums = new ArrayList<>();
        List<QuestionVector> centres = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            QuestionVector v = vectors.get(i);
            int best = -1;
            double bestScore = threshold;
            if (v != null) {
                for (int g = 0; g < groups.size(); g++) {
                    if (centres.get(g) == null) {
                        continue;
                    }
                    double s = centres.get(g).cosine(v); // 0 across spaces
                    if (s >= bestScore && (best < 0 || s > bestScore)) {
                        best = g;
                        bestScore = s;
                    }
                }
            }
            if (best < 0) {
                List<Integer> group = new ArrayList<>();
                group.add(i);
                groups.add(group);
                sums.add(v == null ? null : v.values().clone());
                centres.add(v);
            } else {
                groups.get(best).add(i);
                float[] sum = sums.get(best);
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += v.values()[d];
                }
                centres.set(best, new QuestionVector(v.space(), QuestionVector.unit(sum)));
            }
        }
        return groups;
    }
}
