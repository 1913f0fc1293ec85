package studio.codebook.engine.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void downsampling44kTo16kKeepsPitchLevelTimingAndTheExactLength() {
        for (int n : new int[] {44100, 44101, 12345}) {
            AudioClip clip = AudioClip.mono(Signals.sine(440, 44100, n, 0.5), 44100);
            AudioClip out = Resampling.resample(clip, 16000);

            assertEquals(16000, out.sampleRate());
            assertEquals(Math.round(n * 16000.0 / 44100), out.numFrames(), "length for n = " + n);
            float[] y = out.channel(0);
            assertEquals(440, Signals.dominantFrequency(y, 16000), 2.0);
            // Aligned in time: the output matches a sine generated at 16 kHz directly (away from the ends).
            float[] ideal = Signals.sine(440, 16000, y.length, 0.5);
            int from = 200;
            int to = y.length - 200;
            assertTrue(Signals.correlation(ideal, y, 0, from, to) > 0.999, "aligned for n = " + n);
            double rms = rms(Arrays.copyOfRange(y, from, to));
            assertEquals(0.5 / Math.sqrt(2), rms, 0.005, "level kept");
        }
    }

    @Test
    void upsamplingAndStereoWork() {
        AudioClip clip = new AudioClip(new float[][] {Signals.sine(440, 16000, 8000, 0.5), Signals.sine(660, 16000, 8000, 0.5)}, 16000);
        AudioClip out = Resampling.resample(clip, 48000);
        assertEquals(24000, out.numFrames());
        assertEquals(440, Signals.dominantFrequency(out.channel(0), 48000), 2.0);
        assertEquals(660, Signals.dominantFrequency(out.channel(1), 48000), 2.0);
    }

    @Test
    void theSameRateReturnsTheClip() {
        AudioClip clip = AudioClip.mono(new float[10], 16000);
        assertSame(clip, Resampling.resample(clip, 16000));
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }
}
