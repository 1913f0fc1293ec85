package studio.codebook.engine.codec;

import java.util.Random;

/**
 * A block whose parameters can be re-drawn from a seeded {@link Random}, so that a model built with
 * the same configuration and seed has the same weights on every run and machine (DJL's own
 * initialisers draw from the engine's generator, which is not reproducible across engines).
 */
interface SeededParameters {

    /** Overwrites every parameter (already initialised) with values drawn from {@code random}. */
    void resetParameters(Random random);

    /** {@code n} values uniform in [−bound, bound). */
    static float[] uniform(Random random, int n, double bound) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** L2 norm of each of {@code rows} equal consecutive blocks of {@code values}. */
    static float[] rowNorms(float[] values, int rows) {
        int per = values.length / rows;
        float[] norms = new float[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = r * per; i < (r + 1) * per; i++) {
                s += (double) values[i] * values[i];
            }
            norms[r] = (float) Math.sqrt(s);
        }
        return norms;
    }
}
