package dev.baton.core.knowledge;

import java.util.Objects;

/**
 * A customer question as a unit-length sentence vector, in the vector space of the model that read it. Vectors of
 * different spaces (a Chinese and an English model) mean nothing to each other: {@link #cosine} of two such vectors is
 * 0, so a Chinese and an English question are never "similar".
 *
 * @param space  which model made it (e.g. {@code zh}, {@code en}); vectors compare only within one space
 * @param values the components, unit length
 */
public record QuestionVector(String space, float[] values) {

    public QuestionVector {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(values, "values");
    }

    /** The cosine of the two questions (their dot product: both are unit length); 0 across spaces or sizes. */
    public double cosine(QuestionVector other) {
        if (other == null || !space.equals(other.space) || values.length != other.values.length) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < values.length; i++) {
            dot += values[i] * other.values[i];
        }
        return dot;
    }

    /** The normalised mean of vectors of one space: the centre of a group of questions. */
    public static QuestionVector mean(String space, java.util.List<QuestionVector> vectors) {
        int dims = vectors.get(0).values.length;
        float[] sum = new float[dims];
        for (QuestionVector v : vectors) {
            for (int i = 0; i < dims; i++) {
                sum[i] += v.values[i];
            }
        }
        return new QuestionVector(space, unit(sum));
    }

    /** {@code v} scaled to unit length (unchanged when it is all zeros). */
    public static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuestionVector q && space.equals(q.space) && java.util.Arrays.equals(values, q.values);
    }

    @Override
    public int hashCode() {
        return 31 * space.hashCode() + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "QuestionVector[" + space + ", " + values.length + " dims]";
    }
}
