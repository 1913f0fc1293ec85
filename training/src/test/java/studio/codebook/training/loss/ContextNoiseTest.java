package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextNoiseTest {

    private static final int CARD = 64;

    /** A window's tokens: codes with every fifth slot the special token. */
    private static long[] tokens(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 5 == 0 ? CARD : i % CARD;
        }
        return t;
    }

    @Test
    void replacesAtMostTheShareAndLeavesSpecialTokens() {
        ContextNoise noise = new ContextNoise(0.5, new Random(3));
        double total = 0;
        int windows = 400;
        for (int w = 0; w < windows; w++) {
            long[] t = tokens(1000);
            long[] before = t.clone();
            int replaced = noise.corrupt(t, 0, t.length, CARD);
            int changed = 0;
            for (int i = 0; i < t.length; i++) {
                if (before[i] == CARD) {
                    assertEquals(CARD, t[i], "special token replaced");
                } else {
                    assertTrue(t[i] >= 0 && t[i] < CARD);
                }
                changed += t[i] != before[i] ? 1 : 0;
            }
            assertTrue(changed <= replaced);
            assertTrue(replaced <= 0.5 * 800 + 60, "share " + replaced / 800.0 + " over the maximum");
            total += replaced / 800.0;
        }
        // shares uniform in [0, 0.5]: mean 0.25
        assertEquals(0.25, total / windows, 0.02);
    }

    @Test
    void touchesOnlyItsWindow() {
        long[] t = tokens(300);
        long[] before = t.clone();
        new ContextNoise(1.0, new Random(1)).corrupt(t, 100, 100, CARD);
        assertArrayEquals(Arrays.copyOfRange(before, 0, 100), Arrays.copyOfRange(t, 0, 100));
        assertArrayEquals(Arrays.copyOfRange(before, 200, 300), Arrays.copyOfRange(t, 200, 300));
    }

    @Test
    void zeroShareChangesNothingAndSeedsRepeat() {
        long[] t = tokens(500);
        assertEquals(0, new ContextNoise(0, new Random(9)).corrupt(t, 0, t.length, CARD));
        assertArrayEquals(tokens(500), t);
        long[] a = tokens(500);
        long[] b = tokens(500);
        new ContextNoise(0.3, new Random(9)).corrupt(a, 0, a.length, CARD);
        new ContextNoise(0.3, new Random(9)).corrupt(b, 0, b.length, CARD);
        assertArrayEquals(a, b);
    }

    @Test
    void rejectsSharesOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new ContextNoise(1.5, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> new ContextNoise(-0.1, new Random(1)));
    }
}
