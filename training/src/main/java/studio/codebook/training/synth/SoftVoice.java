package studio.codebook.training.synth;

/**
 * A mellow triangle-like tone (odd harmonics falling as 1/n²) used for comping chords and sub bass: neutral,
 * so the lead's timbre is the one a listener names.
 */
final class SoftVoice implements Instrument {

    private final int rate;
    private final double attack;
    private final double decay;
    private final double sustain;
    private final double release;
    private final double second;

    /** @param second level of an added 2nd harmonic (warmth for a sub bass on small speakers) */
    SoftVoice(int rate, double attack, double decay, double sustain, double release, double second) {
        this.rate = rate;
        this.attack = attack;
        this.decay = decay;
        this.sustain = sustain;
        this.release = release;
        this.second = second;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        double att = Math.min(attack, 0.3 * hold / rate);
        float[] env = Envelope.adsr(rate, hold, att, decay, sustain, release);
        int n = Math.min(env.length, out.length - start);
        double inc = frequency / rate;
        boolean fifth = 5 * frequency < 0.45 * rate;
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double x = Wavetable.sin(phase) - Wavetable.sin(3 * phase) / 9 + second * Wavetable.sin(2 * phase);
            if (fifth) {
                x += Wavetable.sin(5 * phase) / 25;
            }
            out[start + i] += (float) (env[i] * velocity * x);
            phase += inc;
            if (phase >= 1) {
                phase -= 1;
            }
        }
    }
}
