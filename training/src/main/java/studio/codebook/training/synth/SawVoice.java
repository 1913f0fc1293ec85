package studio.codebook.training.synth;

import java.util.Random;

/**
 * Detuned polyBLEP sawtooth oscillators through a resonant low-pass: with one or two oscillators and a
 * filter that opens on the attack it is the saw lead; with three, a slow attack and a fixed darker filter,
 * the string pad; with one, a short envelope and a low cutoff, the synth bass.
 */
final class SawVoice implements Instrument {

    /** The sound settings; cutoffs in Hz as {@code base + perHz·f + sweep·velocity·e^(−t/sweepTime)}. */
    record Shape(double[] detuneCents, double attack, double decay, double sustain, double release,
            double cutoffBase, double cutoffPerHz, double sweep, double sweepTime, double resonance,
            double vibrato) {
    }

    static final Shape LEAD = new Shape(new double[] {-7, 7}, 0.004, 0.3, 0.75, 0.08, 300, 2.0, 3500, 0.25, 0.35,
            0.004);
    static final Shape PAD = new Shape(new double[] {-10, 0, 10}, 0.22, 0.6, 0.85, 0.4, 500, 2.5, 0, 1, 0.1, 0);
    static final Shape BASS = new Shape(new double[] {0}, 0.003, 0.2, 0.6, 0.05, 150, 1.5, 1200, 0.08, 0.4, 0);

    private static final int CONTROL_INTERVAL = 32;
    private final int rate;
    private final Random random;
    private final Shape shape;

    SawVoice(int rate, Random random, Shape shape) {
        this.rate = rate;
        this.random = random;
        this.shape = shape;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        float[] env = Envelope.adsr(rate, hold, shape.attack(), shape.decay(), shape.sustain(), shape.release());
        int n = Math.min(env.length, out.length - start);
        int voices = shape.detuneCents().length;
        double[] phase = new double[voices];
        double[] inc = new double[voices];
        for (int v = 0; v < voices; v++) {
            phase[v] = random.nextDouble();
            inc[v] = frequency * StrictMath.pow(2, shape.detuneCents()[v] / 1200) / rate;
        }
        Svf filter = new Svf(rate, shape.resonance());
        double sweep = shape.sweep() * velocity;
        double sweepDecay = Envelope.decayPerSample(shape.sweepTime(), rate);
        double sweepBlock = Math.pow(sweepDecay, CONTROL_INTERVAL);
        double vibratoInc = 5.5 / rate;
        int vibratoStart = (int) (0.2 * rate);
        double gain = velocity / Math.sqrt(voices);
        for (int i = 0; i < n; i++) {
            if (i % CONTROL_INTERVAL == 0) {
                filter.cutoff(shape.cutoffBase() + shape.cutoffPerHz() * frequency + sweep);
                sweep *= sweepBlock;
            }
            double bend = shape.vibrato() > 0 && i > vibratoStart
                    ? 1 + shape.vibrato() * Wavetable.sin((i - vibratoStart) * vibratoInc) : 1;
            double x = 0;
            for (int v = 0; v < voices; v++) {
                double dt = inc[v] * bend;
                double t = phase[v];
                x += 2 * t - 1 - Wavetable.polyBlep(t, dt);
                t += dt;
                phase[v] = t >= 1 ? t - 1 : t;
            }
            out[start + i] += (float) (env[i] * gain * filter.lowPass(x));
        }
    }
}
