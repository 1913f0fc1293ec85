package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameRateCombTest {

    private static final int RATE = 16_000;
    private static final int HOP = 320; // 50 frames/s

    private static float[] tone(double hz, double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE + 0.3));
        }
        return x;
    }

    @Test
    void harmonicsOfTheFrameRateAreAllPeriodic() {
        float[] x = tone(100, 2);
        float[] y = tone(250, 2);
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
        assertEquals(1.0, AudioMetrics.frameRateComb(x, HOP, 25), 1e-6);
    }

    @Test
    void aToneBetweenTheHarmonicsIsNot() {
        // 110 Hz moves 0.2 cycles per frame: 25 frames average it out exactly
        assertTrue(AudioMetrics.frameRateComb(tone(110, 2), HOP, 25) < 0.01);
        // 100.4 Hz drifts a fifth of a cycle per half-second block: (sin 0.2π / (25 sin 0.008π))² = 0.875
        assertEquals(0.875, AudioMetrics.frameRateComb(tone(100.4, 2), HOP, 25), 0.01);
    }

    @Test
    void noiseScoresAboutOneOverTheWindow() {
        Random random = new Random(5);
        float[] noise = new float[RATE * 10];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        assertEquals(1.0 / 25, AudioMetrics.frameRateComb(noise, HOP, 25), 0.004);
        assertEquals(1.0 / 10, AudioMetrics.frameRateComb(noise, HOP, 10), 0.006);
    }

    @Test
    void offsetSilenceAndShortInputScoreZero() {
        float[] dc = new float[RATE];
        Arrays.fill(dc, 0.25f);
        assertEquals(0, AudioMetrics.frameRateComb(dc, HOP, 25), "a constant is not a comb: the mean is removed first");
        assertEquals(0, AudioMetrics.frameRateComb(new float[RATE], HOP, 25));
        assertEquals(0, AudioMetrics.frameRateComb(tone(100, 0.4), HOP, 25), "fewer frames than one block");
        assertThrows(IllegalArgumentException.class, () -> AudioMetrics.frameRateComb(new float[10], HOP, 1));
    }
}
