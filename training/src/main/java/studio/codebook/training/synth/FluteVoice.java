package studio.codebook.training.synth;

import java.util.Random;

/**
 * Flute-like: a nearly pure tone (weak 2nd and 3rd harmonics) with a soft, slow attack, breath noise that
 * follows the envelope, and vibrato that sets in after the attack.
 */
final class FluteVoice implements Instrument {

    private final int rate;
    private final Random random;

    FluteVoice(int rate, Random random) {
        this.rate = rate;
        this.random = random;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        float[] env = Envelope.adsr(rate, hold, 0.07, 0.25, 0.85, 0.1);
        int n = Math.min(env.length, out.length - start);
        double inc = frequency / rate;
        double vibratoInc = 5.0 / rate;
        int vibratoStart = (int) (0.12 * rate);
        double noiseSmooth = 1 - StrictMath.exp(-2 * StrictMath.PI * 2500.0 / rate);
        double noise = 0;
        double breath = 0;
        double phase = 0;
        double gain = 0.9 * velocity;
        for (int i = 0; i < n; i++) {
            double dt = i > vibratoStart ? inc * (1 + 0.005 * Wavetable.sin((i - vibratoStart) * vibratoInc)) : inc;
            noise += noiseSmooth * (random.nextDouble() * 2 - 1 - noise);
            breath += noiseSmooth * (noise - breath); // two poles: air, not hiss
            double x = Wavetable.sin(phase) + 0.18 * Wavetable.sin(2 * phase) + 0.06 * Wavetable.sin(3 * phase)
                    + 0.1 * breath;
            out[start + i] += (float) (env[i] * gain * x);
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
        }
    }
}
