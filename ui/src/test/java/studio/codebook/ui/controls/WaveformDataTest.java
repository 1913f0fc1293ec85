package studio.codebook.ui.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WaveformDataTest {

    @Test
    void envelopeFromBlockPeaksEqualsTheBruteForceEnvelopeWhileAppending() {
        Random random = new Random(1);
        WaveformData data = new WaveformData(16_000);
        float[] all = new float[0];
        for (int chunk = 0; chunk < 12; chunk++) {
            float[] c = new float[random.nextInt(3000)];
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) random.nextGaussian() * 0.3f;
            }
            data.append(c);
            float[] grown = java.util.Arrays.copyOf(all, all.length + c.length);
            System.arraycopy(c, 0, grown, all.length, c.length);
            all = grown;
            for (int pixels : new int[] {7, 300, 5000}) {
                double perPixel = (all.length + 1000.0) / pixels; // the axis runs past the end, as when streaming
                float[] min = new float[pixels];
                float[] max = new float[pixels];
                int filled = data.envelope(0, perPixel, min, max);
                int expectedFilled = 0;
                for (int p = 0; p < pixels; p++) {
                    int a = (int) Math.floor(p * perPixel);
                    int b = Math.min(all.length, Math.max(a + 1, (int) Math.floor((p + 1) * perPixel)));
                    float lo = 0;
                    float hi = 0;
                    if (a < b) {
                        expectedFilled = p + 1;
                        lo = Float.POSITIVE_INFINITY;
                        hi = Float.NEGATIVE_INFINITY;
                        for (int i = a; i < b; i++) {
                            lo = Math.min(lo, all[i]);
                            hi = Math.max(hi, all[i]);
                        }
                    }
                    assertEquals(lo, min[p], "min of pixel " + p);
                    assertEquals(hi, max[p], "max of pixel " + p);
                }
                assertEquals(expectedFilled, filled);
            }
        }
        assertEquals(all.length, data.length());
        int revision = data.revision().get();
        data.replace(new float[] {0.5f, -0.5f});
        assertEquals(2, data.length());
        assertEquals(revision + 1, data.revision().get());
    }
}
