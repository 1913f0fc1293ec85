package studio.codebook.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;

/** Synthetic audio for initialising the codebooks of a random model and for benchmarks. */
final class CalibrationAudio {

    private CalibrationAudio() {}

    /** A music-like signal: a few partials of a chord with vibrato, plus a little noise. */
    static AudioClip music(int rate, double seconds, long seed) {
        int n = (int) Math.round(rate * seconds);
        float[] x = new float[n];
        Random random = new Random(seed);
        double root = 110 * Math.pow(2, random.nextInt(12) / 12.0);
        double[] freqs = {root, 2 * root, 3 * root, 4 * root * 1.2599, 6 * root};
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double v = 0;
            for (int h = 0; h < freqs.length; h++) {
                v += Math.sin(2 * Math.PI * freqs[h] * t + 0.3 * Math.sin(2 * Math.PI * 5 * t)) / (h + 2);
            }
            double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * t);
            x[i] = (float) (0.4 * envelope * v + 0.01 * random.nextGaussian());
        }
        return AudioClip.mono(x, rate);
    }

    /** Several seconds of varied material: chords at different roots, and noise at a few levels. */
    static List<AudioClip> clips(int rate, long seed) {
        List<AudioClip> out = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < 6; i++) {
            out.add(music(rate, 2.0, random.nextLong()));
        }
        for (double level : new double[] {0.01, 0.1, 0.3}) {
            float[] noise = new float[rate];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (level * random.nextGaussian());
            }
            out.add(AudioClip.mono(noise, rate));
        }
        return out;
    }
}
