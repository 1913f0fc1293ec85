package studio.codebook.training.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Synthesised drums, each rendered once per clip and mixed in at every hit: a pitch-swept sine kick, a
 * tone-plus-noise snare, a clap of three noise bursts, high-passed noise hats, an inharmonic ride, a brush
 * swish; the chip kit uses a pulse kick and stepped ("noise channel") noise instead.
 */
final class DrumKit {

    private final Map<DrumSound, float[]> sounds = new EnumMap<>(DrumSound.class);

    DrumKit(DrumStyle style, int rate, Random random) {
        boolean chip = style == DrumStyle.CHIP_NOISE;
        for (DrumSound s : DrumSound.values()) {
            sounds.put(s, chip ? chip(s, rate, random) : acoustic(s, rate, random));
        }
    }

    /** Adds {@code sound} at sample {@code start}. */
    void hit(float[] out, int start, DrumSound sound, double velocity) {
        float[] s = sounds.get(sound);
        int n = Math.min(s.length, out.length - start);
        float v = (float) velocity;
        for (int i = 0; i < n; i++) {
            out[start + i] += v * s[i];
        }
    }

    private static float[] acoustic(DrumSound sound, int rate, Random random) {
        return switch (sound) {
            case KICK -> kick(rate, random);
            case SNARE -> snare(rate, random);
            case CLAP -> clap(rate, random);
            case CLOSED_HAT -> hat(rate, random, 0.035, 0.5);
            case OPEN_HAT -> hat(rate, random, 0.22, 0.45);
            case RIDE -> ride(rate, random);
            case BRUSH -> brush(rate, random);
        };
    }

    private static float[] kick(int rate, Random random) {
        float[] s = new float[(int) (0.45 * rate)];
        double phase = 0;
        double sweep = Envelope.decayPerSample(0.035, rate);
        double amp = Envelope.decayPerSample(0.18, rate);
        double f = 1;
        double a = 1;
        int click = (int) (0.002 * rate);
        for (int i = 0; i < s.length; i++) {
            double hz = 48 + 110 * f;
            phase += hz / rate;
            double x = Wavetable.sin(phase) * a;
            if (i < click) {
                x += 0.4 * (random.nextDouble() * 2 - 1);
            }
            s[i] = (float) (1.1 * x);
            f *= sweep;
            a *= amp;
        }
        return s;
    }

    private static float[] snare(int rate, Random random) {
        float[] s = new float[(int) (0.3 * rate)];
        double tone = Envelope.decayPerSample(0.05, rate);
        double noise = Envelope.decayPerSample(0.09, rate);
        double a = 0.55;
        double b = 0.7;
        double previous = 0;
        for (int i = 0; i < s.length; i++) {
            double w = random.nextDouble() * 2 - 1;
            double hp = w - 0.6 * previous; // tilt the noise up: the snare wires
            previous = w;
            s[i] = (float) (a * Wavetable.sin(i * 185.0 / rate) + b * hp);
            a *= tone;
            b *= noise;
        }
        return s;
    }

    private static float[] clap(int rate, Random random) {
        float[] s = new float[(int) (0.3 * rate)];
        Svf band = new Svf(rate, 0.5);
        band.cutoff(1200);
        int burst = (int) (0.01 * rate);
        double tail = Envelope.decayPerSample(0.08, rate);
        double t = 1;
        for (int i = 0; i < s.length; i++) {
            double env = i < 3 * burst ? 1 - (double) (i % burst) / burst : (t *= tail);
            band.lowPass(random.nextDouble() * 2 - 1);
            s[i] = (float) (2.2 * env * band.band());
        }
        return s;
    }

    private static float[] hat(int rate, Random random, double decay, double level) {
        float[] s = new float[(int) ((decay * 5 + 0.01) * rate)];
        double m = Envelope.decayPerSample(decay, rate);
        double a = level;
        double x1 = 0;
        double x2 = 0;
        for (int i = 0; i < s.length; i++) {
            double w = random.nextDouble() * 2 - 1;
            double y = w - 2 * x1 + x2; // second difference: a steep high-pass, the hat sits near Nyquist
            x2 = x1;
            x1 = w;
            s[i] = (float) (0.35 * a * y);
            a *= m;
        }
        return s;
    }

    private static float[] ride(int rate, Random random) {
        double[] partials = {523, 811, 1157, 1621, 2403, 3197, 4111};
        float[] s = new float[(int) (1.2 * rate)];
        double m = Envelope.decayPerSample(0.45, rate);
        double ping = Envelope.decayPerSample(0.03, rate);
        double a = 0.3;
        double p = 0.5;
        double x1 = 0;
        for (int i = 0; i < s.length; i++) {
            double x = 0;
            for (double f : partials) {
                if (f < 0.45 * rate) {
                    x += Wavetable.sin(i * f / rate) / partials.length;
                }
            }
            double w = random.nextDouble() * 2 - 1;
            s[i] = (float) (a * (1.2 * x + 0.5 * (w - x1)) + p * (w - x1) * 0.3);
            x1 = w;
            a *= m;
            p *= ping;
        }
        return s;
    }

    private static float[] brush(int rate, Random random) {
        float[] s = new float[(int) (0.25 * rate)];
        Svf band = new Svf(rate, 0.2);
        band.cutoff(3000);
        int rise = (int) (0.02 * rate);
        double m = Envelope.decayPerSample(0.06, rate);
        double a = 1;
        for (int i = 0; i < s.length; i++) {
            double env = i < rise ? (double) i / rise : (a *= m);
            band.lowPass(random.nextDouble() * 2 - 1);
            s[i] = (float) (0.6 * env * band.band());
        }
        return s;
    }

    private static float[] chip(DrumSound sound, int rate, Random random) {
        return switch (sound) {
            case KICK -> chipKick(rate);
            case SNARE, CLAP, BRUSH -> steppedNoise(rate, random, 0.08, 2, 0.6);
            case CLOSED_HAT, RIDE -> steppedNoise(rate, random, 0.02, 1, 0.35);
            case OPEN_HAT -> steppedNoise(rate, random, 0.12, 1, 0.3);
        };
    }

    private static float[] chipKick(int rate) {
        float[] s = new float[(int) (0.15 * rate)];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / s.length;
            phase += (180 - 140 * t) / rate;
            s[i] = (float) ((phase - Math.floor(phase) < 0.5 ? 0.8 : -0.8) * (1 - t));
        }
        return s;
    }

    /** Noise held for {@code hold} samples at a time, as a console's noise channel. */
    private static float[] steppedNoise(int rate, Random random, double decay, int hold, double level) {
        float[] s = new float[(int) (decay * 4 * rate)];
        double m = Envelope.decayPerSample(decay, rate);
        double a = level;
        double v = 0;
        for (int i = 0; i < s.length; i++) {
            if (i % hold == 0) {
                v = random.nextBoolean() ? 1 : -1;
            }
            s[i] = (float) (a * v);
            a *= m;
        }
        return s;
    }
}
