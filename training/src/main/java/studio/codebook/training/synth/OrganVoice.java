package studio.codebook.training.synth;

import java.util.Random;

/**
 * Drawbar organ: sine partials at 16′, 8′, 4′, 2⅔′ and 2′ (×0.5, 1, 2, 3, 4), a gate envelope with no decay,
 * a key click and a rotary-speaker-like tremolo.
 */
final class OrganVoice implements Instrument {

    private static final double[] RATIOS = {0.5, 1, 2, 3, 4};
    private static final double[] LEVELS = {0.45, 1, 0.7, 0.4, 0.35};
    private final int rate;
    private final Random random;

    OrganVoice(int rate, Random random) {
        this.rate = rate;
        this.random = random;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        float[] gate = Envelope.gate(rate, hold, 0.006, 0.03);
        int n = Math.min(gate.length, out.length - start);
        double[] inc = new double[RATIOS.length];
        for (int k = 0; k < RATIOS.length; k++) {
            inc[k] = RATIOS[k] * frequency < 0.45 * rate ? RATIOS[k] * frequency / rate : 0;
        }
        double tremoloInc = 6.5 / rate;
        double tremoloPhase = random.nextDouble();
        int click = (int) (0.004 * rate);
        double gain = 0.38 * (0.6 + 0.4 * velocity);
        for (int i = 0; i < n; i++) {
            double x = 0;
            for (int k = 0; k < RATIOS.length; k++) {
                if (inc[k] > 0) {
                    x += LEVELS[k] * Wavetable.sin(i * inc[k]);
                }
            }
            if (i < click) {
                x += 0.3 * (random.nextDouble() * 2 - 1) * (1 - (double) i / click);
            }
            double tremolo = 1 + 0.1 * Wavetable.sin(tremoloPhase + i * tremoloInc);
            out[start + i] += (float) (gate[i] * gain * tremolo * x);
        }
    }
}
