package studio.codebook.training.synth;

import java.util.Random;

/**
 * Plucked string by Karplus–Strong: a noise burst circulating in a delay line one period long, averaged at
 * every pass so high partials die first. The delay is read with linear interpolation so the pitch is exact
 * (an integer delay is up to 40 cents off at the top of the range at 16 kHz).
 */
final class PluckVoice implements Instrument {

    private final int rate;
    private final Random random;
    private final double brightness;
    private final double ringSeconds;

    /**
     * @param brightness 0–1, how much high content the pluck's noise burst has
     * @param ringSeconds time for a 60 dB decay at 220 Hz while held
     */
    PluckVoice(int rate, Random random, double brightness, double ringSeconds) {
        this.rate = rate;
        this.random = random;
        this.brightness = brightness;
        this.ringSeconds = ringSeconds;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        double delay = (double) rate / frequency - 0.5; // the two-point average adds half a sample
        int whole = (int) delay;
        double frac = delay - whole;
        int size = whole + 2;
        double[] line = new double[size];
        double smooth = 0.15 + 0.8 * brightness * (0.5 + 0.5 * velocity);
        double lp = 0;
        double mean = 0;
        for (int i = 0; i < size; i++) {
            lp += smooth * (random.nextDouble() * 2 - 1 - lp);
            line[i] = lp;
            mean += lp;
        }
        mean /= size;
        for (int i = 0; i < size; i++) {
            line[i] = (line[i] - mean) * velocity * 1.6;
        }
        double t60 = ringSeconds * Math.pow(220 / frequency, 0.3);
        double held = StrictMath.pow(0.001, 1.0 / (t60 * frequency));
        double released = StrictMath.pow(0.001, 1.0 / (0.12 * frequency));
        int release = (int) (0.12 * rate);
        int n = Math.min(hold + release, out.length - start);
        int w = 0;
        double previous = 0;
        for (int i = 0; i < n; i++) {
            int r0 = w - whole;
            if (r0 < 0) {
                r0 += size;
            }
            int r1 = r0 - 1;
            if (r1 < 0) {
                r1 += size;
            }
            double y = line[r0] + frac * (line[r1] - line[r0]);
            double rho = i < hold ? held : released;
            line[w] = rho * 0.5 * (y + previous);
            previous = y;
            if (++w == size) {
                w = 0;
            }
            double fade = i < hold ? 1 : 1 - (double) (i - hold) / release;
            out[start + i] += (float) (y * fade);
        }
    }
}
