package studio.codebook.training.synth;

import java.util.Random;

/** The lo-fi treatment: a soft low-pass ("dusty", worn tape) and vinyl crackle. */
final class LoFi {

    private LoFi() {
    }

    static void dust(float[] x, int rate, Random random) {
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        Svf tone = new Svf(rate, 0.05);
        tone.cutoff(3200);
        double crackle = 0.25 * peak;
        double hiss = 0.004 * peak;
        double clickChance = 6.0 / rate; // about six clicks a second
        for (int i = 0; i < x.length; i++) {
            double y = tone.lowPass(x[i]);
            y += hiss * (random.nextDouble() * 2 - 1);
            if (random.nextDouble() < clickChance) {
                y += crackle * (random.nextDouble() * 2 - 1);
            }
            x[i] = (float) y;
        }
    }
}
