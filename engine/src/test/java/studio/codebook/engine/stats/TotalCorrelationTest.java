package studio.codebook.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TotalCorrelationTest {

    @Test
    void independentCodebooksHaveNoTotalCorrelation() {
        CodeStatistics stats = CodeStatistics.of(ConstructedCodes.uniform(new Random(21), 4, 50_000, 16), 16);
        for (Alignment a : new Alignment[] {Alignment.sameFrame(), Alignment.delayPattern()}) {
            TotalCorrelation tc = stats.totalCorrelation(a, 4);
            CoarseGrainedTotalCorrelation coarse = tc.coarseGrained();
            assertEquals(256, coarse.jointCells());
            assertEquals(256, coarse.occupiedJointCells());
            assertEquals(a.kind() == Alignment.Kind.DELAY_PATTERN ? 50_000 - 3 : 50_000, coarse.frames());
            assertEquals(0, coarse.millerMadowBits(), 0.005);
            assertTrue(coarse.plugInBits() < 1.5 * coarse.biasBoundBits());
            assertEquals(8.0, coarse.marginalEntropyBits(), 0.01);
            assertEquals(6, tc.pairwise().codebookPairs());
            assertEquals(0, tc.pairwise().millerMadowBits(), 0.01);
            assertEquals(SampleAdequacy.ADEQUATE, coarse.adequacy());
        }
    }

    @Test
    void xorIsInvisibleToPairsButNotToTotalCorrelation() {
        int frames = 50_000;
        int[][] codes = ConstructedCodes.uniform(new Random(22), 3, frames, 2);
        for (int t = 0; t < frames; t++) {
            codes[2][t] = codes[0][t] ^ codes[1][t];
        }
        TotalCorrelation tc = CodeStatistics.of(codes, 2).totalCorrelation(Alignment.sameFrame(), 4);
        assertEquals(0, tc.pairwise().millerMadowBits(), 0.002);
        assertEquals(0, tc.pairwise().largestPairBits(), 0.001);
        assertEquals(1.0, tc.coarseGrained().millerMadowBits(), 0.002);
        assertEquals(1.0 / 3, tc.coarseGrained().normalised(), 0.002);
        assertEquals(4, tc.coarseGrained().occupiedJointCells());
    }

    @Test
    void copiesMakeThePairwiseSumOverstateTotalCorrelation() {
        int[][] codes = ConstructedCodes.uniform(new Random(23), 3, 20_000, 2);
        codes[1] = codes[0].clone();
        codes[2] = codes[0].clone();
        TotalCorrelation tc = CodeStatistics.of(codes, 2).totalCorrelation(Alignment.sameFrame(), 2);
        assertEquals(3.0, tc.pairwise().millerMadowBits(), 0.01);
        assertEquals(2.0, tc.coarseGrained().millerMadowBits(), 0.01);
        assertEquals(1.0, tc.pairwise().largestPairBits(), 0.01);
    }

    @Test
    void theDelayAlignmentFindsTuplesTheSameFrameMisses() {
        int frames = 40_000;
        int[][] codes = ConstructedCodes.uniform(new Random(24), 2, frames, 8);
        for (int t = 1; t < frames; t++) {
            codes[1][t - 1] = codes[0][t]; // emitted together: z¹[t], z²[t−1]
        }
        CodeStatistics stats = CodeStatistics.of(codes, 8);
        assertEquals(0, stats.totalCorrelation(Alignment.sameFrame(), 8).coarseGrained().millerMadowBits(), 0.01);
        TotalCorrelation delay = stats.totalCorrelation(Alignment.delayPattern(), 8);
        assertEquals(3.0, delay.coarseGrained().millerMadowBits(), 0.01);
        assertEquals(3.0, delay.pairwise().millerMadowBits(), 0.01);
        // With 4 groups the grouping keeps 2 of the 3 bits.
        assertEquals(2.0, stats.totalCorrelation(Alignment.delayPattern(), 4).coarseGrained().millerMadowBits(), 0.01);
    }

    @Test
    void frequencyRankGroupsHaveRoughlyEqualMass() {
        long[] uniform = new long[16];
        java.util.Arrays.fill(uniform, 100);
        int[] map = CoarseGraining.byFrequencyRank(uniform, 4);
        int[] sizes = new int[4];
        for (int g : map) {
            sizes[g]++;
        }
        assertArrayEquals(new int[] {4, 4, 4, 4}, sizes);

        // One entry with 70% of the mass takes a group alone; unused entries (2, 7) join the last group.
        long[] skewed = {10, 700, 0, 50, 60, 80, 100, 0};
        int[] skewedMap = CoarseGraining.byFrequencyRank(skewed, 4);
        // Targets: 1000/4 → {700}; 300/3 → {100}; 200/2 → {80} (adding 60 overshoots more); the rest.
        assertArrayEquals(new int[] {3, 0, 3, 3, 3, 2, 1, 3}, skewedMap);

        // At most G used entries: one group each, nothing lost.
        assertArrayEquals(new int[] {3, 0, 3, 2, 1}, CoarseGraining.byFrequencyRank(new long[] {0, 9, 0, 1, 5}, 4));
    }

    @Test
    void callerSuppliedGroupingsAreUsedAndChecked() {
        int[][] codes = ConstructedCodes.uniform(new Random(25), 2, 10_000, 4);
        for (int t = 0; t < codes[0].length; t++) {
            codes[1][t] = (codes[1][t] & 1) | (codes[0][t] & 2); // high bit shared, low bit independent
        }
        CodeStatistics stats = CodeStatistics.of(codes, 4);
        int[] highBit = {0, 0, 1, 1};
        int[] lowBit = {0, 1, 0, 1};
        assertEquals(1.0, stats.totalCorrelation(Alignment.sameFrame(), CoarseGraining.of(2, new int[][] {highBit, highBit}))
                .coarseGrained().millerMadowBits(), 0.01);
        assertEquals(0.0, stats.totalCorrelation(Alignment.sameFrame(), CoarseGraining.of(2, new int[][] {lowBit, lowBit}))
                .coarseGrained().millerMadowBits(), 0.01);
        assertThrows(IllegalArgumentException.class, () -> CoarseGraining.of(2, new int[][] {{0, 2, 0, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> stats.totalCorrelation(Alignment.sameFrame(), CoarseGraining.of(2, new int[][] {highBit})));
        assertThrows(IllegalArgumentException.class, () -> stats.totalCorrelation(Alignment.frameOffset(2), 4));
    }
}
