package studio.codebook.training.synth;

/** A sine table with linear interpolation: exact enough for synthesis, several times cheaper than sin(). */
final class Wavetable {

    private static final int SIZE = 4096;
    private static final float[] SINE = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            SINE[i] = (float) StrictMath.sin(2 * StrictMath.PI * i / SIZE);
        }
    }

    private Wavetable() {
    }

    /** sin(2π·phase), phase in cycles (any value). */
    static double sin(double phase) {
        double x = (phase - Math.floor(phase)) * SIZE;
        int i = (int) x;
        double f = x - i;
        return SINE[i] + (SINE[i + 1] - SINE[i]) * f;
    }

    /**
     * The polyBLEP correction for a unit step at phase 0 of an oscillator advancing {@code dt} cycles per
     * sample: subtracted from a naive saw (or added at each edge of a square), it removes most aliasing.
     */
    static double polyBlep(double t, double dt) {
        if (t < dt) {
            t /= dt;
            return t + t - t * t - 1;
        }
        if (t > 1 - dt) {
            t = (t - 1) / dt;
            return t * t + t + t + 1;
        }
        return 0;
    }
}
