package studio.codebook.training.synth;

/** Note envelopes as gain arrays: the note's samples times the release. */
final class Envelope {

    private Envelope() {
    }

    /**
     * An ADSR envelope: linear attack, exponential decay towards the sustain level with time constant
     * {@code decay}, held for {@code hold} samples from the onset, then a quadratic fade over {@code release}.
     */
    static float[] adsr(int rate, int hold, double attack, double decay, double sustain, double release) {
        int att = Math.max(1, (int) (attack * rate));
        int rel = Math.max(1, (int) (release * rate));
        float[] g = new float[hold + rel];
        double m = StrictMath.exp(-1.0 / (Math.max(decay, 1e-3) * rate));
        double d = 1;
        double level = 0;
        for (int i = 0; i < hold; i++) {
            if (i < att) {
                level = (double) i / att;
            } else {
                d *= m;
                level = sustain + (1 - sustain) * d;
            }
            g[i] = (float) level;
        }
        for (int i = 0; i < rel; i++) {
            double r = 1 - (double) i / rel;
            g[hold + i] = (float) (level * r * r);
        }
        return g;
    }

    /** A gate: {@code attack} seconds in, held, then a quadratic fade over {@code release}; for voices that decay themselves. */
    static float[] gate(int rate, int hold, double attack, double release) {
        return adsr(rate, hold, attack, 1, 1, release);
    }

    /** Exponential decay per sample for a time constant {@code tau} seconds. */
    static double decayPerSample(double tau, int rate) {
        return StrictMath.exp(-1.0 / (tau * rate));
    }
}
