package studio.codebook.engine.text;

import java.util.Random;

/**
 * Initial values drawn from a seeded {@link Random}, so the same configuration and seed give the
 * same weights on every run and machine (DJL's initialisers use the engine's generator).
 */
final class SeededInit {

    private SeededInit() {}

    /** {@code n} values uniform in [−bound, bound). */
    static float[] uniform(Random random, long n, double bound) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** {@code n} values from N(0, std²). */
    static float[] normal(Random random, long n, double std) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    static float[] constant(long n, float value) {
        float[] values = new float[Math.toIntExact(n)];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
