package studio.codebook.training.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.Loudness;
import studio.codebook.engine.audio.WavWriter;

/** Determinism, loudness and distinct timbres. */
class SynthesizerTest {

    private static final int RATE = 16_000;

    @Test
    void sameSeedGivesIdenticalAudioAndCaptionDifferentSeedDoesNot() {
        ClipSpec a = ClipSpec.of(42, 3, false);
        ClipSpec b = ClipSpec.of(42, 3, false);
        assertEquals(a, b);
        byte[] wavA = WavWriter.encode(a.render(4, RATE), WavWriter.BitDepth.PCM_16);
        byte[] wavB = WavWriter.encode(b.render(4, RATE), WavWriter.BitDepth.PCM_16);
        assertArrayEquals(wavA, wavB);
        ClipSpec other = ClipSpec.of(43, 3, false);
        assertFalse(Arrays.equals(wavA, WavWriter.encode(other.render(4, RATE), WavWriter.BitDepth.PCM_16)));
        assertFalse(a.name().equals(other.name()));
        assertFalse(Arrays.equals(a.render(4, RATE).channel(0), ClipSpec.of(42, 4, false).render(4, RATE).channel(0)));
    }

    @Test
    void clipsAreLoudnessNormalisedWithoutClipping() {
        for (int i = 0; i < 16; i++) {
            AudioClip clip = ClipSpec.of(9, i, false).render(6, RATE);
            assertEquals(1, clip.numChannels());
            assertEquals(6 * RATE, clip.numFrames());
            assertTrue(Loudness.peakDbfs(clip) <= Synthesizer.PEAK_CEILING_DB + 0.01, "peak " + Loudness.peakDbfs(clip));
            double lufs = Loudness.integratedLufs(clip);
            assertTrue(lufs <= Synthesizer.TARGET_LUFS + 0.1 && lufs > -30, "loudness " + lufs);
        }
    }

    @Test
    void otherRatesRender() {
        AudioClip clip = ClipSpec.of(1, 0, false).render(2, 22_050);
        assertEquals(22_050, clip.sampleRate());
        assertEquals(44_100, clip.numFrames());
    }

    /** Harmonic amplitudes 1..8 of an isolated A4 (plus the sub-octave), from 50 ms to 450 ms. */
    private static double[] harmonics(Lead lead) {
        float[] note = Synthesizer.note(lead, 440, 0.6, RATE, 1);
        double[] m = Spectra.magnitudes(note, RATE / 20, 8192);
        double[] h = new double[9];
        for (int k = 0; k <= 8; k++) {
            double f = k == 0 ? 220 : 440.0 * k;
            int bin = (int) Math.round(f * 8192 / RATE);
            for (int b = bin - 3; b <= bin + 3; b++) {
                h[k] = Math.max(h[k], m[b]);
            }
        }
        return h;
    }

    /** Centroid of the harmonic amplitudes 1..8 of an isolated A4, Hz (noise between harmonics ignored). */
    private static double centroid(Lead lead) {
        double[] h = harmonics(lead);
        double num = 0;
        double den = 0;
        for (int k = 1; k <= 8; k++) {
            num += 440.0 * k * h[k];
            den += h[k];
        }
        return num / den;
    }

    @Test
    void fluteSawAndSquareAreDistinct() {
        double flute = centroid(Lead.FLUTE);
        double saw = centroid(Lead.SAW_LEAD);
        double square = centroid(Lead.SQUARE_LEAD);
        assertTrue(flute < 0.75 * saw && flute < 0.75 * square, "centroids flute " + flute + ", saw " + saw
                + ", square " + square);
        double[] sq = harmonics(Lead.SQUARE_LEAD);
        double[] sw = harmonics(Lead.SAW_LEAD);
        double evenSquare = sq[2] + sq[4] + sq[6];
        double oddSquare = sq[3] + sq[5] + sq[7];
        double evenSaw = sw[2] + sw[4] + sw[6];
        double oddSaw = sw[3] + sw[5] + sw[7];
        assertTrue(evenSquare < 0.1 * oddSquare, "a square has (almost) no even harmonics: " + Arrays.toString(sq));
        assertTrue(evenSaw > 0.5 * oddSaw, "a saw has even harmonics: " + Arrays.toString(sw));
        double[] fl = harmonics(Lead.FLUTE);
        assertTrue(fl[2] < 0.3 * fl[1] && fl[3] < 0.1 * fl[1], "a flute is nearly pure: " + Arrays.toString(fl));
        double[] organ = harmonics(Lead.ORGAN);
        assertTrue(organ[0] > 0.2 * organ[1], "the organ's 16' drawbar sounds an octave below: "
                + Arrays.toString(organ));
    }

    /** Every pair of leads differs in harmonic profile or in how the note evolves (attack, decay). */
    @Test
    void allEightLeadsHaveDistinctSignatures() {
        Lead[] leads = Lead.values();
        double[][] features = new double[leads.length][];
        for (int i = 0; i < leads.length; i++) {
            features[i] = signature(leads[i]);
        }
        for (int i = 0; i < leads.length; i++) {
            for (int j = i + 1; j < leads.length; j++) {
                double d = 0;
                for (int k = 0; k < features[i].length; k++) {
                    d += (features[i][k] - features[j][k]) * (features[i][k] - features[j][k]);
                }
                assertTrue(Math.sqrt(d) > 1.0, leads[i] + " vs " + leads[j] + ": distance " + Math.sqrt(d)
                        + "\n" + Arrays.toString(features[i]) + "\n" + Arrays.toString(features[j]));
            }
        }
    }

    /** Log harmonic levels relative to the fundamental, the rise time and the decay over the held note. */
    private static double[] signature(Lead lead) {
        double[] h = harmonics(lead);
        double[] f = new double[h.length + 2];
        for (int k = 0; k < h.length; k++) {
            f[k] = Math.log(1e-3 + h[k] / h[1]);
        }
        float[] note = Synthesizer.note(lead, 440, 0.6, RATE, 1);
        double early = rms(note, 0, RATE / 50);
        double mid = rms(note, RATE / 10, RATE / 5);
        double late = rms(note, RATE / 2, RATE * 11 / 20);
        f[h.length] = Math.log(1e-3 + early / mid) * 2;
        f[h.length + 1] = Math.log(1e-3 + late / mid) * 2;
        return f;
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
