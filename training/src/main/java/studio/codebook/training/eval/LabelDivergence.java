package studio.codebook.training.eval;

/**
 * MusicGen's "KL" metric: how far the classifier's label distribution for a generated clip is from its
 * distribution for the real clip whose caption prompted it. Per pair {@code KL(p_real ‖ p_generated) =
 * Σ_c p_real(c) · log(p_real(c) / (p_generated(c) + ε))}, in nats, then averaged over pairs, with
 * audiocraft's ε = {@value #EPSILON} on the generated side ({@code kl_div((p_gen + ε).log(), p_real)}), so a
 * class the generated clip rules out costs at most log(1/ε) rather than infinity.
 */
public final class LabelDivergence {

    /** Added to the generated probabilities before the logarithm (as audiocraft's KLDivergenceMetric). */
    public static final double EPSILON = 1e-6;

    private LabelDivergence() {}

    /** {@code KL(real ‖ generated)} of one pair of distributions over the same classes, in nats. */
    public static double kl(float[] real, float[] generated) {
        if (real.length != generated.length) {
            throw new IllegalArgumentException("distributions over " + real.length + " and " + generated.length
                    + " classes");
        }
        double sum = 0;
        for (int c = 0; c < real.length; c++) {
            double p = real[c];
            if (p > 0) {
                sum += p * (Math.log(p) - Math.log(generated[c] + EPSILON));
            }
        }
        return sum;
    }

    /** The mean of {@link #kl} over pairs (row i of each); NaN for no pairs. */
    public static double meanKl(float[][] real, float[][] generated) {
        if (real.length != generated.length) {
            throw new IllegalArgumentException(real.length + " real and " + generated.length + " generated clips");
        }
        if (real.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < real.length; i++) {
            sum += kl(real[i], generated[i]);
        }
        return sum / real.length;
    }
}
