package studio.codebook.training.synth;

/**
 * A small Schroeder reverb (Freeverb-style): four parallel damped feedback combs then two series all-passes,
 * delays scaled to the sample rate. Mono in, mono out (wet only).
 */
final class Reverb {

    private static final double[] COMB_MS = {29.7, 37.1, 41.1, 43.7};
    private static final double[] ALLPASS_MS = {5.0, 1.7};

    private Reverb() {
    }

    /**
     * The wet signal of {@code in}.
     *
     * @param seconds time for the tail to fall by 60 dB
     */
    static float[] wet(float[] in, int rate, double seconds) {
        float[] out = new float[in.length];
        double damp = 0.3;
        for (double ms : COMB_MS) {
            int d = Math.max(1, (int) (ms * rate / 1000));
            double g = StrictMath.pow(0.001, ms / 1000 / seconds);
            float[] line = new float[d];
            int p = 0;
            double store = 0;
            for (int i = 0; i < in.length; i++) {
                double y = line[p];
                store = y * (1 - damp) + store * damp;
                line[p] = (float) (in[i] + g * store);
                out[i] += (float) (y * 0.25);
                if (++p == d) {
                    p = 0;
                }
            }
        }
        for (double ms : ALLPASS_MS) {
            int d = Math.max(1, (int) (ms * rate / 1000));
            float[] line = new float[d];
            int p = 0;
            for (int i = 0; i < out.length; i++) {
                double buffered = line[p];
                double x = out[i];
                line[p] = (float) (x + 0.5 * buffered);
                out[i] = (float) (buffered - 0.5 * x);
                if (++p == d) {
                    p = 0;
                }
            }
        }
        return out;
    }
}
