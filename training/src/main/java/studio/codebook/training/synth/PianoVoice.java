package studio.codebook.training.synth;

/**
 * Piano-like: eight slightly stretched partials (string inharmonicity), each decaying faster the higher it
 * is, so the tone starts bright and mellows; lower notes ring longer.
 */
final class PianoVoice implements Instrument {

    private static final double INHARMONICITY = 0.0003;
    private final int rate;

    PianoVoice(int rate) {
        this.rate = rate;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        float[] gate = Envelope.gate(rate, hold, 0.002, 0.18);
        int n = Math.min(gate.length, out.length - start);
        double t1 = Math.max(0.4, Math.min(3.0, 1.6 * Math.sqrt(440 / frequency)));
        for (int k = 1; k <= 8; k++) {
            double fk = k * frequency * Math.sqrt(1 + INHARMONICITY * k * k);
            if (fk > 0.45 * rate) {
                break;
            }
            double amp = velocity * Math.pow(k, -1.1) * (k == 1 ? 1 : 0.5 + 0.6 * velocity);
            double m = Envelope.decayPerSample(t1 / (1 + 0.8 * (k - 1)), rate);
            double inc = fk / rate;
            double phase = 0;
            double e = amp;
            for (int i = 0; i < n; i++) {
                out[start + i] += (float) (gate[i] * e * Wavetable.sin(phase));
                phase += inc;
                e *= m;
            }
        }
    }
}
