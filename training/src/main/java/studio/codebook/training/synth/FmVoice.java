package studio.codebook.training.synth;

/**
 * Electric piano / FM bell: a two-operator FM pair at ratio 1:1 whose index falls after the strike (bright
 * attack, round sustain), plus a short inharmonic tine at 1:7 for the bell-like bite.
 */
final class FmVoice implements Instrument {

    private final int rate;

    FmVoice(int rate) {
        this.rate = rate;
    }

    @Override
    public void play(float[] out, int start, int hold, double frequency, double velocity) {
        float[] gate = Envelope.gate(rate, hold, 0.002, 0.15);
        int n = Math.min(gate.length, out.length - start);
        double ampDecay = Envelope.decayPerSample(Math.max(0.5, Math.min(2.0, 1.2 * Math.sqrt(440 / frequency))), rate);
        double indexDecay = Envelope.decayPerSample(0.3, rate);
        double tineDecay = Envelope.decayPerSample(0.04, rate);
        double inc = frequency / rate;
        double phase = 0;
        double amp = velocity;
        double index = 0.25 + 0.35 * velocity; // in cycles: ≈ 1.6 + 2.2·v radians at the strike
        double tine = 0.25 * velocity;
        double steady = 0.05;
        for (int i = 0; i < n; i++) {
            double mod = Wavetable.sin(phase);
            double y = Wavetable.sin(phase + (steady + index) * mod) + tine * Wavetable.sin(7 * phase);
            out[start + i] += (float) (gate[i] * amp * y);
            phase += inc;
            if (phase >= 1) {
                phase -= 1;
            }
            amp *= ampDecay;
            index *= indexDecay;
            tine *= tineDecay;
        }
    }
}
