package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoudnessTest {

    @Test
    void aFullScaleSineReadsMinus3dBfsRmsAndMinus3Lufs() {
        for (int rate : new int[] {48000, 44100, 16000}) {
            AudioClip sine = AudioClip.mono(Signals.sine(997, rate, 3 * rate, 1.0), rate);
            assertEquals(0.0, Loudness.peakDbfs(sine), 0.01, "peak at " + rate);
            assertEquals(-3.01, Loudness.rmsDbfs(sine), 0.01, "rms at " + rate);
            assertEquals(-3.01, Loudness.integratedLufs(sine), 0.05, "loudness at " + rate);
        }
    }

    @Test
    void channelsAddUpInPower() {
        float[] s = Signals.sine(997, 48000, 48000 * 2, 1.0);
        assertEquals(0.0, Loudness.integratedLufs(new AudioClip(new float[][] {s, s}, 48000)), 0.05);
    }

    @Test
    void kWeightingLiftsHighsAndCutsLows() {
        double at100 = Loudness.integratedLufs(AudioClip.mono(Signals.sine(100, 48000, 96000, 0.5), 48000));
        double at1k = Loudness.integratedLufs(AudioClip.mono(Signals.sine(1000, 48000, 96000, 0.5), 48000));
        double at8k = Loudness.integratedLufs(AudioClip.mono(Signals.sine(8000, 48000, 96000, 0.5), 48000));
        assertTrue(at8k > at1k + 3, "the shelf adds about 4 dB at 8 kHz: " + at1k + " vs " + at8k);
        assertTrue(at100 < at1k, "the high-pass takes a little at 100 Hz");
    }

    @Test
    void gatingIgnoresSilence() {
        int rate = 16000;
        float[] tone = Signals.sine(997, rate, 2 * rate, 0.1);
        float[] withSilence = new float[12 * rate];
        System.arraycopy(tone, 0, withSilence, 5 * rate, tone.length);
        double alone = Loudness.integratedLufs(AudioClip.mono(tone, rate));
        double gated = Loudness.integratedLufs(AudioClip.mono(withSilence, rate));
        // Silent blocks fall below the absolute gate. The 6 blocks straddling the tone's edges hold 1/4, 1/2
        // and 3/4 of it, pass both gates, and pull the mean of the 17 full blocks down to 20/23 of it.
        // Without gating the reading would be 10·log10(2/12) = 7.8 LU lower.
        assertEquals(alone + 10 * Math.log10(20.0 / 23), gated, 0.01);
        assertEquals(Double.NEGATIVE_INFINITY, Loudness.integratedLufs(AudioClip.mono(new float[rate], rate)));
    }

    @Test
    void normalizeHitsTheTarget() {
        AudioClip quiet = new AudioClip(new float[][] {
            Signals.sine(440, 22050, 44100, 0.05), Signals.sine(330, 22050, 44100, 0.03)}, 22050);
        AudioClip out = Loudness.normalize(quiet, -16, -1);
        assertEquals(-16, Loudness.integratedLufs(out), 0.1);
        assertEquals(quiet.numFrames(), out.numFrames());
    }

    @Test
    void normalizeRespectsThePeakCeiling() {
        AudioClip quiet = AudioClip.mono(Signals.sine(440, 22050, 44100, 0.05), 22050);
        AudioClip out = Loudness.normalize(quiet, -1, -2);
        assertEquals(-2, Loudness.peakDbfs(out), 0.01);
        assertTrue(Loudness.integratedLufs(out) < -1);
    }
}
