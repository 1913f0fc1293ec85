package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioMetricsTest {

    private static float[] music(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 220 * i / 16000.0) + 0.2 * Math.sin(2 * Math.PI * 660 * i / 16000.0)
                    + 0.05 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void siSnrOfIdenticalScaledAndNoisyCopies() {
        Random r = new Random(4);
        float[] ref = music(r, 16000);
        assertTrue(AudioMetrics.siSnr(ref, ref) > 60);
        float[] scaled = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            scaled[i] = 0.3f * ref[i];
        }
        assertTrue(AudioMetrics.siSnr(scaled, ref) > 60);
        // noise orthogonal to the (zero-mean) reference at exactly the target SNR
        double[] noise = new double[ref.length];
        double mr = 0;
        for (float v : ref) {
            mr += v / ref.length;
        }
        double dot = 0;
        double rr = 0;
        double mn = 0;
        for (int i = 0; i < ref.length; i++) {
            noise[i] = r.nextGaussian();
            mn += noise[i] / ref.length;
        }
        for (int i = 0; i < ref.length; i++) {
            noise[i] -= mn;
            dot += noise[i] * (ref[i] - mr);
            rr += (ref[i] - mr) * (ref[i] - mr);
        }
        double nn = 0;
        for (int i = 0; i < ref.length; i++) {
            noise[i] -= dot / rr * (ref[i] - mr);
            nn += noise[i] * noise[i];
        }
        for (double snr : new double[] {-5, 0, 10, 30}) {
            double gain = Math.sqrt(rr / nn / Math.pow(10, snr / 10));
            float[] noisy = new float[ref.length];
            for (int i = 0; i < ref.length; i++) {
                noisy[i] = (float) (ref[i] + gain * noise[i]);
            }
            double got = AudioMetrics.siSnr(noisy, ref);
            assertEquals(snr, got, 0.1, "SI-SNR at " + snr + " dB");
        }
        assertThrows(IllegalArgumentException.class, () -> AudioMetrics.siSnr(new float[3], new float[4]));
    }

    @Test
    void melDistanceIsZeroForIdenticalAndGrowsWithNoise() {
        Random r = new Random(5);
        float[] ref = music(r, 8000);
        assertEquals(0, AudioMetrics.melDistance(ref, ref, 16000), 0);
        double previous = 0;
        for (double level : new double[] {0.01, 0.05, 0.2}) {
            float[] noisy = new float[ref.length];
            for (int i = 0; i < ref.length; i++) {
                noisy[i] = (float) (ref[i] + level * r.nextGaussian());
            }
            double d = AudioMetrics.melDistance(noisy, ref, 16000);
            assertTrue(d > previous, "mel distance " + d + " at noise " + level);
            previous = d;
        }
        assertThrows(IllegalArgumentException.class, () -> AudioMetrics.melDistance(new float[3], new float[4], 16000));
    }
}
