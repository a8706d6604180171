package dev.baton.core.triage;

/** Dot products over L2-normalised float vectors (cosine similarity). */
final class Vectors {

    private Vectors() {
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The vector scaled to unit length (models other than bge may not normalise). */
    static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm == 0 || Math.abs(norm - 1) < 1e-4) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
