package studio.codebook.training.synth;

import java.util.List;

/**
 * Balances the parts by RMS (so the lead sits a fixed margin above everything else, whatever its timbre),
 * folds their pan positions to mono with a constant-power law, and adds a shared reverb.
 */
final class Mixer {

    /**
     * One part of the mix.
     *
     * @param samples the dry part
     * @param levelDb target RMS level of the part in the mix, dBFS
     * @param pan −1 (left) … 1 (right); folded to mono it only lowers the level of off-centre parts
     * @param reverbSend share of the part sent to the reverb
     */
    record Part(float[] samples, double levelDb, double pan, double reverbSend) {
    }

    private Mixer() {
    }

    static float[] mix(List<Part> parts, int length, int rate, double reverbSeconds) {
        float[] dry = new float[length];
        float[] send = new float[length];
        boolean anySend = false;
        for (Part p : parts) {
            double rms = rms(p.samples());
            if (rms < 1e-9) {
                continue;
            }
            double theta = (p.pan() + 1) * StrictMath.PI / 4;
            double fold = (StrictMath.cos(theta) + StrictMath.sin(theta)) / StrictMath.sqrt(2);
            float g = (float) (StrictMath.pow(10, p.levelDb() / 20) / rms * fold);
            float s = (float) (g * p.reverbSend());
            anySend |= s > 0;
            float[] x = p.samples();
            for (int i = 0; i < length; i++) {
                dry[i] += g * x[i];
                send[i] += s * x[i];
            }
        }
        if (anySend) {
            float[] wet = Reverb.wet(send, rate, reverbSeconds);
            for (int i = 0; i < length; i++) {
                dry[i] += wet[i];
            }
        }
        return dry;
    }

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / Math.max(1, x.length));
    }
}
