package studio.codebook.training.synth;

/**
 * Square / chip lead: a polyBLEP pulse wave (50 % duty, so odd harmonics only) with a quick envelope and the
 * delayed vibrato of game music.
 */
final class SquareVoice implements Instrument {

    private final int rate;
    private final double duty;

    SquareVoice(int rate, double duty) {
        this.rate = rate;
        this.duty = duty;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        float[] env = Envelope.adsr(rate, hold, 0.002, 0.15, 0.7, 0.03);
        int n = Math.min(env.length, out.length - start);
        double inc = frequency / rate;
        double vibratoInc = 6.0 / rate;
        int vibratoStart = (int) (0.15 * rate);
        double phase = 0;
        double gain = 0.6 * velocity;
        for (int i = 0; i < n; i++) {
            double dt = i > vibratoStart ? inc * (1 + 0.006 * Wavetable.sin((i - vibratoStart) * vibratoInc)) : inc;
            double x = phase < duty ? 1 : -1;
            x += Wavetable.polyBlep(phase, dt);
            double shifted = phase - duty;
            x -= Wavetable.polyBlep(shifted < 0 ? shifted + 1 : shifted, dt);
            out[start + i] += (float) (env[i] * gain * x);
            phase += dt;
            if (phase >= 1) {
                phase -= 1;
            }
        }
    }
}
