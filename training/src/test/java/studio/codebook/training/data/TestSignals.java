package studio.codebook.training.data;

import java.util.Random;

/** Synthesised test music: click tracks, drum loops, chord progressions, noise. */
final class TestSignals {

    private TestSignals() {
    }

    /** A click every beat: a 5 ms decaying 2 kHz burst, accented on the bar. */
    static float[] clickTrack(double bpm, double seconds, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        double period = 60.0 / bpm;
        int beat = 0;
        for (double t = 0; t < seconds; t += period, beat++) {
            int start = (int) Math.round(t * rate);
            float amp = beat % 4 == 0 ? 0.9f : 0.6f;
            for (int i = 0; i < rate * 0.02 && start + i < x.length; i++) {
                double tt = (double) i / rate;
                x[start + i] += (float) (amp * Math.sin(2 * Math.PI * 2000 * tt) * Math.exp(-tt / 0.005));
            }
        }
        return x;
    }

    /** Kick on 1 and 3, snare on 2 and 4, closed hi-hat on every eighth. */
    static float[] drumLoop(double bpm, double seconds, int rate, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * rate)];
        double eighth = 30.0 / bpm;
        int step = 0;
        for (double t = 0; t < seconds; t += eighth, step++) {
            int start = (int) Math.round(t * rate);
            int inBar = step % 8;
            for (int i = 0; start + i < x.length && i < rate * 0.25; i++) {
                double tt = (double) i / rate;
                double v = 0.15 * (random.nextDouble() * 2 - 1) * Math.exp(-tt / 0.01); // hat
                if (inBar == 0 || inBar == 4) { // kick: falling sine
                    double f = 50 + 100 * Math.exp(-tt / 0.03);
                    v += 0.8 * Math.sin(2 * Math.PI * f * tt) * Math.exp(-tt / 0.12);
                }
                if (inBar == 2 || inBar == 6) { // snare: noise + body
                    v += (0.4 * (random.nextDouble() * 2 - 1) + 0.3 * Math.sin(2 * Math.PI * 190 * tt))
                            * Math.exp(-tt / 0.05);
                }
                x[start + i] += (float) v;
            }
        }
        return x;
    }

    /** Chords (MIDI note numbers), each held {@code chordSeconds}, harmonics falling as 1/n, repeated to fill. */
    static float[] chords(int[][] progression, double chordSeconds, double seconds, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        int perChord = (int) Math.round(chordSeconds * rate);
        for (int i = 0; i < x.length; i++) {
            int[] chord = progression[(i / perChord) % progression.length];
            double t = (double) i / rate;
            double local = (double) (i % perChord) / rate;
            double env = Math.min(1, local / 0.01) * Math.exp(-local / 1.5);
            double v = 0;
            for (int note : chord) {
                double f = 440 * Math.pow(2, (note - 69) / 12.0);
                for (int h = 1; h <= 4; h++) {
                    v += Math.sin(2 * Math.PI * f * h * t) / h;
                }
            }
            x[i] = (float) (0.12 * env * v);
        }
        return x;
    }

    /** C – F – G – C in C major, root position around middle C, bass an octave down. */
    static float[] cMajorProgression(double seconds, int rate) {
        return chords(new int[][] {{48, 60, 64, 67}, {41, 60, 65, 69}, {43, 59, 62, 67}, {48, 60, 64, 67}},
                1.0, seconds, rate);
    }

    /** Am – Dm – E – Am in A minor (harmonic minor: the E chord's G#). */
    static float[] aMinorProgression(double seconds, int rate) {
        return chords(new int[][] {{45, 57, 60, 64}, {38, 57, 62, 65}, {40, 56, 59, 64}, {45, 57, 60, 64}},
                1.0, seconds, rate);
    }

    /** A steady tone with a few harmonics, for loudness checks. */
    static float[] tone(double hz, double seconds, int rate, double amplitude) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            x[i] = (float) (amplitude * (Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(2 * Math.PI * 2 * hz * t)));
        }
        return x;
    }

    /** Seeded white noise. */
    static float[] noise(double seconds, int rate, double amplitude, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * (random.nextDouble() * 2 - 1));
        }
        return x;
    }
}
