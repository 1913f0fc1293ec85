package studio.codebook.engine.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import studio.codebook.engine.pattern.CodebookPattern;

class BeatClockTest {

    private static final CodebookPattern DELAY = CodebookPattern.of("delay", 4);

    @Test
    void beatOneOfBarOneIsAtTheFirstFrameAndTheClockKeepsTime() {
        BeatClock clock = new BeatClock(60, 50); // one beat every 50 frames
        float[] f = clock.features(DELAY, 0, 0, 201);
        // step s of the delay pattern predicts frame s
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0}, row(f, 0), 1e-6f);
        // half a beat: the beat at π, the eighth note back at 0, the bar at π/4
        assertArrayEquals(new float[] {-1, 0, (float) Math.cos(Math.PI / 4), (float) Math.sin(Math.PI / 4), 1, 0},
                row(f, 25), 1e-5f);
        // beat 2: the bar a quarter round
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0}, row(f, 50), 1e-5f);
        // beat 1 of bar 2
        assertArrayEquals(row(f, 0), row(f, 200), 1e-5f);
    }

    @Test
    void aWindowStartingLaterInTheClipContinuesTheSameClock() {
        BeatClock clock = new BeatClock(128, 50);
        float[] whole = clock.features(DELAY, 0, 0, 300);
        float[] window = clock.features(DELAY, 120, 0, 180);
        for (int s = 0; s < 180; s++) {
            assertArrayEquals(row(whole, 120 + s), row(window, s), 1e-5f, "step " + s);
        }
    }

    @Test
    void underFlattenFourStepsShareAFrame() {
        BeatClock clock = new BeatClock(128, 50);
        CodebookPattern flatten = CodebookPattern.of("flatten", 4);
        float[] delay = clock.features(DELAY, 0, 0, 30);
        float[] flat = clock.features(flatten, 0, 0, 120);
        for (int t = 0; t < 30; t++) {
            assertArrayEquals(row(delay, t), row(flat, 4 * t), 1e-5f, "frame " + t);
        }
    }

    @Test
    void noTempoIsAllZeroAndATempoIsOnTheUnitCircle() {
        assertArrayEquals(new float[12], BeatClock.none(2));
        float[] f = new BeatClock(97, 50).features(DELAY, 0, 0, 77);
        for (int s = 0; s < 77; s++) {
            float[] r = row(f, s);
            for (int pair = 0; pair < 3; pair++) {
                assertEquals(1.0, r[2 * pair] * r[2 * pair] + r[2 * pair + 1] * r[2 * pair + 1], 1e-5);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new BeatClock(12, 50));
        assertThrows(IllegalArgumentException.class, () -> new BeatClock(Double.NaN, 50));
        assertThrows(IllegalArgumentException.class, () -> new BeatClock(120, 0));
    }

    private static float[] row(float[] features, int step) {
        float[] r = new float[BeatClock.FEATURES];
        System.arraycopy(features, step * BeatClock.FEATURES, r, 0, BeatClock.FEATURES);
        return r;
    }
}
