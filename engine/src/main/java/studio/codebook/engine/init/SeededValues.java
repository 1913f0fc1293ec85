package studio.codebook.engine.init;

import java.util.Arrays;
import java.util.Random;

/** Arrays of initial values drawn from a seeded {@link Random}; the codec, text encoder and LM share them. */
public final class SeededValues {

    private SeededValues() {}

    /** {@code n} values uniform in [−bound, bound). */
    public static float[] uniform(Random random, long n, double bound) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** {@code n} values from N(0, std²). */
    public static float[] normal(Random random, long n, double std) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    /** {@code n} values from N(0, std²) truncated at ±3σ (values outside are drawn again). */
    public static float[] truncatedNormal(Random random, long n, double std) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            double g;
            do {
                g = random.nextGaussian();
            } while (Math.abs(g) > 3);
            values[i] = (float) (g * std);
        }
        return values;
    }

    /** {@code n} copies of {@code value}. */
    public static float[] constant(long n, float value) {
        float[] values = new float[Math.toIntExact(n)];
        Arrays.fill(values, value);
        return values;
    }

    /** L2 norm of each of {@code rows} equal consecutive blocks of {@code values}. */
    public static float[] rowNorms(float[] values, int rows) {
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
