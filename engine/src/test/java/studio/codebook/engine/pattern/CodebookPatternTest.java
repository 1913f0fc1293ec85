package studio.codebook.engine.pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodebookPatternTest {

    private static final List<String> NAMES = List.of("parallel", "delay", "flatten");

    private static int[][] randomCodes(Random random, int k, int t, int card) {
        int[][] codes = new int[k][t];
        for (int q = 0; q < k; q++) {
            for (int i = 0; i < t; i++) {
                codes[q][i] = random.nextInt(card);
            }
        }
        return codes;
    }

    @Test
    void roundTripIsIdentityForRandomSizes() {
        Random random = new Random(20261124L);
        int cases = 0;
        for (int i = 0; i < 240; i++) {
            String name = NAMES.get(i % 3);
            int k = 1 + random.nextInt(8);
            int t = 1 + random.nextInt(300);
            int card = 1 + random.nextInt(2048);
            CodebookPattern pattern = CodebookPattern.of(name, k);
            int[][] codes = randomCodes(random, k, t, card);
            int[][] sequence = pattern.toSequence(codes, card);
            assertEquals(k, sequence.length);
            assertEquals(pattern.steps(t), sequence[0].length, name);
            for (int q = 0; q < k; q++) {
                assertEquals(card, sequence[q][0], "step 0 is the BOS");
            }
            assertArrayEquals(codes, pattern.fromSequence(sequence, t), name + " K=" + k + " T=" + t);
            assertArrayEquals(codes, pattern.fromSequence(sequence, t, card));
            assertEquals(t, pattern.frames(pattern.steps(t)));
            cases++;
        }
        assertEquals(240, cases);
    }

    @Test
    void stepCountsMatchTheReference() {
        assertEquals(1501, CodebookPattern.of("parallel", 4).steps(1500));
        // REFERENCE.md's "30 s = 1503 steps" counts the predicted steps; with the BOS the sequence has T + K
        assertEquals(1504, CodebookPattern.of("delay", 4).steps(1500));
        assertEquals(1503, CodebookPattern.of("delay", 4).steps(1500) - 1, "30 s = 1503 predicted steps");
        assertEquals(6001, CodebookPattern.of("flatten", 4).steps(1500));
        for (String name : NAMES) {
            CodebookPattern p = CodebookPattern.of(name, 3);
            assertEquals(0, p.frames(0));
            assertEquals(0, p.frames(1));
            for (int s = 0; s < 50; s++) {
                int f = p.frames(s);
                assertTrue(p.steps(f) <= s || f == 0, name + " frames(" + s + ")");
                assertTrue(p.steps(f + 1) > s, name + " frames(" + s + ") is the largest");
            }
        }
    }

    @Test
    void delayLayoutForFourCodebooksAndThreeFramesIsTheReferenceTable() {
        int[][] codes = {{10, 11, 12}, {20, 21, 22}, {30, 31, 32}, {40, 41, 42}};
        int s = 99;
        int[][] expected = {
            {s, 10, 11, 12, s, s, s},
            {s, s, 20, 21, 22, s, s},
            {s, s, s, 30, 31, 32, s},
            {s, s, s, s, 40, 41, 42},
        };
        CodebookPattern delay = CodebookPattern.of("delay", 4);
        assertEquals("delay", delay.name());
        assertArrayEquals(expected, delay.toSequence(codes, 99));
        for (int t = 0; t < 3; t++) {
            for (int q = 0; q < 4; q++) {
                assertEquals(1 + t + q, delay.stepOf(t, q));
            }
        }
    }

    @Test
    void flattenAndParallelLayoutsForTwoCodebooks() {
        int[][] codes = {{1, 2, 3}, {4, 5, 6}};
        int s = 7;
        assertArrayEquals(new int[][] {{s, 1, s, 2, s, 3, s}, {s, s, 4, s, 5, s, 6}},
                CodebookPattern.of("flatten", 2).toSequence(codes, 7));
        assertArrayEquals(new int[][] {{s, 1, 2, 3}, {s, 4, 5, 6}},
                CodebookPattern.of("parallel", 2).toSequence(codes, 7));
        CodebookPattern flatten = CodebookPattern.of("flatten", 4);
        for (int t = 0; t < 5; t++) {
            for (int q = 0; q < 4; q++) {
                assertEquals(1 + t * 4 + q, flatten.stepOf(t, q));
            }
        }
    }

    @Test
    void validMaskCountsKTimesTAndMatchesTheSequence() {
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            String name = NAMES.get(i % 3);
            int k = 1 + random.nextInt(8);
            int t = 1 + random.nextInt(100);
            CodebookPattern p = CodebookPattern.of(name, k);
            int card = 50;
            int[][] sequence = p.toSequence(randomCodes(random, k, t, card), card);
            boolean[][] mask = p.validMask(t);
            int count = 0;
            for (int q = 0; q < k; q++) {
                assertFalse(mask[q][0], "BOS is never valid");
                assertEquals(sequence[q].length, mask[q].length);
                for (int st = 0; st < mask[q].length; st++) {
                    if (mask[q][st]) {
                        count++;
                    }
                    assertEquals(mask[q][st], sequence[q][st] != card, name + " q=" + q + " s=" + st);
                }
            }
            assertEquals(k * t, count);
        }
    }

    @Test
    void frameAtAgreesWithToSequence() {
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            String name = NAMES.get(i % 3);
            int k = 1 + random.nextInt(8);
            int t = 1 + random.nextInt(60);
            CodebookPattern p = CodebookPattern.of(name, k);
            // code value = frame index, so the sequence itself says which frame sits where
            int card = t;
            int[][] codes = new int[k][t];
            for (int q = 0; q < k; q++) {
                for (int f = 0; f < t; f++) {
                    codes[q][f] = f;
                }
            }
            int[][] sequence = p.toSequence(codes, card);
            for (int q = 0; q < k; q++) {
                for (int st = 0; st < sequence[q].length; st++) {
                    int expected = sequence[q][st] == card ? -1 : sequence[q][st];
                    assertEquals(expected, p.frameAt(st, q, t), name + " step " + st + " codebook " + q);
                    if (expected >= 0) {
                        assertEquals(expected, p.frameAt(st, q));
                        assertEquals(st, p.stepOf(expected, q));
                    }
                }
            }
        }
    }

    @Test
    void completeFramesIsMonotoneAndReachesTExactlyAtSteps() {
        Random random = new Random(3);
        for (String name : NAMES) {
            for (int k = 1; k <= 8; k++) {
                CodebookPattern p = CodebookPattern.of(name, k);
                int t = 1 + random.nextInt(40);
                int previous = 0;
                for (int filled = 0; filled <= p.steps(t); filled++) {
                    int complete = Math.min(t, p.completeFrames(filled));
                    assertTrue(complete >= previous, "monotone");
                    previous = complete;
                    // every code of the complete frames is in the filled steps, the next frame's is not all there
                    for (int f = 0; f < complete; f++) {
                        for (int q = 0; q < k; q++) {
                            assertTrue(p.stepOf(f, q) < filled);
                        }
                    }
                    if (complete < t) {
                        boolean allFilled = true;
                        for (int q = 0; q < k; q++) {
                            allFilled &= p.stepOf(complete, q) < filled;
                        }
                        assertFalse(allFilled, name + " frame " + complete + " is complete at " + filled);
                    }
                }
                assertEquals(t, p.completeFrames(p.steps(t)), name);
                assertTrue(p.completeFrames(p.steps(t) - 1) < t, name);
            }
        }
    }

    @Test
    void specialTokenOrOutOfRangeInAValidSlotIsRejected() {
        for (String name : NAMES) {
            CodebookPattern p = CodebookPattern.of(name, 4);
            int card = 16;
            int[][] codes = randomCodes(new Random(5), 4, 10, card);
            int[][] sequence = p.toSequence(codes, card);
            int[][] special = copy(sequence);
            special[2][p.stepOf(3, 2)] = card;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.fromSequence(special, 10));
            assertTrue(e.getMessage().contains("special token"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.fromSequence(special, 10, card));
            int[][] negative = copy(sequence);
            negative[0][p.stepOf(0, 0)] = -1;
            assertThrows(IllegalArgumentException.class, () -> p.fromSequence(negative, 10));
            int[][] tooLarge = copy(sequence);
            tooLarge[3][p.stepOf(9, 3)] = card + 5;
            assertThrows(IllegalArgumentException.class, () -> p.fromSequence(tooLarge, 10, card));
            assertThrows(IllegalArgumentException.class, () -> p.fromSequence(sequence, 11), "too short");
            assertThrows(IllegalArgumentException.class, () -> p.toSequence(new int[][] {{card}, {0}, {0}, {0}}, card));
            assertThrows(IllegalArgumentException.class, () -> p.toSequence(new int[3][2], card), "wrong K");
            // a longer sequence (a run that went past T) still reads back the first T frames
            assertArrayEquals(java.util.Arrays.stream(codes).map(r -> java.util.Arrays.copyOf(r, 7)).toArray(int[][]::new),
                    p.fromSequence(sequence, 7));
        }
        assertThrows(IllegalArgumentException.class, () -> CodebookPattern.of("zigzag", 4));
        assertThrows(IllegalArgumentException.class, () -> CodebookPattern.of("delay", 0));
        assertEquals(new DelayPattern(4), CodebookPattern.of(" Delay ", 4));
    }

    @Test
    void zeroFramesIsJustTheBos() {
        for (String name : NAMES) {
            CodebookPattern p = CodebookPattern.of(name, 3);
            int[][] sequence = p.toSequence(new int[3][0], 8);
            assertEquals(p.steps(0), sequence[0].length);
            assertEquals(0, p.fromSequence(sequence, 0)[0].length);
        }
    }

    private static int[][] copy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
