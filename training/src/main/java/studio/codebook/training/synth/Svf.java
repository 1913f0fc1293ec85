package studio.codebook.training.synth;

/**
 * A state-variable filter in trapezoidal (zero-delay-feedback) form: stable at any cutoff below Nyquist,
 * unlike the classic Chamberlin form, which matters at 16 kHz where cutoffs come near the top of the band.
 */
final class Svf {

    private final int rate;
    private final double k;
    private double a1;
    private double a2;
    private double a3;
    private double ic1;
    private double ic2;
    private double band;

    /** @param resonance 0 (none) to about 0.9 */
    Svf(int rate, double resonance) {
        this.rate = rate;
        this.k = 2 - 2 * resonance;
    }

    void cutoff(double hz) {
        double g = StrictMath.tan(StrictMath.PI * Math.min(hz, 0.45 * rate) / rate);
        a1 = 1 / (1 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    /** Filters one sample; returns the low-pass output ({@link #band()} holds the band-pass). */
    double lowPass(double x) {
        double v3 = x - ic2;
        double v1 = a1 * ic1 + a2 * v3;
        double v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        band = v1;
        return v2;
    }

    double band() {
        return band;
    }
}
