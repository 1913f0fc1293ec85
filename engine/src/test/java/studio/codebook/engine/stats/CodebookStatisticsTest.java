package studio.codebook.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.codec.Codes;

class CodebookStatisticsTest {

    @Test
    void uniformCodesOfTwoToTheBEntriesHaveBBitsAndPerplexityV() {
        for (int bits : new int[] {1, 4, 8}) {
            int size = 1 << bits;
            int[][] codes = ConstructedCodes.uniform(new Random(bits), 1, 200_000, size);
            CodebookStatistics c = CodeStatistics.of(codes, size).codebook(0);
            assertEquals(200_000, c.frames());
            assertEquals(1.0, c.usage());
            assertEquals(size, c.usedEntries());
            // Plug-in is low by about (V−1)/(2N ln 2); Miller–Madow removes that.
            assertEquals(bits, c.entropyBits(), 2.0 * (size - 1) / (2 * 200_000 * Math.log(2)) + 1e-3);
            assertTrue(c.entropyBits() < bits);
            assertEquals(bits, c.millerMadowEntropyBits(), 1e-3);
            assertEquals(size, c.perplexity(), size * 1e-3);
        }
    }

    @Test
    void aCodebookUsingThreeOfEightEntriesHasUsageThreeEighths() {
        int[][] codes = {{0, 5, 7, 5, 0, 7, 7, 0}};
        CodebookStatistics c = CodeStatistics.of(codes, 8).codebook(0);
        assertEquals(0.375, c.usage());
        assertEquals(3, c.usedEntries());
        assertEquals(8, c.codebookSize());
        assertEquals(3, c.count(7));
        assertEquals(0, c.count(1));
    }

    @Test
    void millerMadowAddsOccupiedMinusOneOverTwoNLnTwo() {
        // Counts 2, 1, 1 of N = 4: plug-in H = 1.5 bits, correction (3−1)/(8 ln 2).
        int[][] codes = {{2, 2, 0, 3}};
        CodebookStatistics c = CodeStatistics.of(codes, 4).codebook(0);
        assertEquals(1.5, c.entropyBits(), 1e-12);
        assertEquals(1.5 + 2 / (8 * Math.log(2)), c.millerMadowEntropyBits(), 1e-12);
        assertEquals(Math.pow(2, 1.5), c.perplexity(), 1e-12);
    }

    @Test
    void clipsArePooledForHistograms() {
        Codes a = new Codes(new int[][] {{0, 1}, {2, 2}}, 4, 50);
        Codes b = new Codes(new int[][] {{1, 1, 3}, {0, 0, 0}}, 4, 50);
        CodeStatistics stats = CodeStatistics.of(List.of(a, b));
        assertEquals(2, stats.numClips());
        assertEquals(5, stats.numFrames());
        assertEquals(3, stats.codebook(0).count(1));
        assertEquals(3, stats.codebook(1).count(0));
        assertEquals(2, stats.codebook(1).count(2));
    }

    @Test
    void rejectsCodesOfDifferentCodecsAndOutOfRangeCodes() {
        Codes a = new Codes(new int[][] {{0, 1}}, 4, 50);
        Codes b = new Codes(new int[][] {{0, 1}}, 8, 50);
        Codes c = new Codes(new int[][] {{0, 1}, {0, 1}}, 4, 50);
        assertThrows(IllegalArgumentException.class, () -> CodeStatistics.of(List.of(a, b)));
        assertThrows(IllegalArgumentException.class, () -> CodeStatistics.of(List.of(a, c)));
        assertThrows(IllegalArgumentException.class, () -> CodeStatistics.of(new int[][] {{0, 4}}, 4));
        assertThrows(IllegalArgumentException.class, () -> CodeStatistics.of(new int[][] {{0, 1}, {0}}, 4));
    }
}
