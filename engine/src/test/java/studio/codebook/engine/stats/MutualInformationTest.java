package studio.codebook.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutualInformationTest {

    @Test
    void independentUniformCodebooksShowOnlyTheBias() {
        int size = 16;
        int frames = 50_000;
        CodeStatistics stats = CodeStatistics.of(ConstructedCodes.uniform(new Random(1), 4, frames, size), size);
        MutualInformationMatrix mi = stats.mutualInformation(Alignment.sameFrame());
        double bound = 15.0 * 15.0 / (2 * frames * Math.log(2));
        for (int k = 0; k < 4; k++) {
            for (int l = 0; l < 4; l++) {
                if (k == l) {
                    continue;
                }
                assertEquals(frames, mi.pairs(k, l));
                assertEquals(bound, mi.biasBoundBits(k, l), 1e-15);
                // 2N ln2 · Î is χ² with df = 225 under independence: mean df, sd √(2df) = 21 ≈ 9% of
                // the mean. 1.5 × the bound is 5 sd above the mean; 0.5 × is 5 sd below.
                assertTrue(mi.plugInBits(k, l) < 1.5 * bound, "plug-in " + mi.plugInBits(k, l) + " vs " + bound);
                assertTrue(mi.plugInBits(k, l) > 0.5 * bound, "plug-in " + mi.plugInBits(k, l) + " vs " + bound);
                // After Miller–Madow the residual has sd ≈ 0.09 × bound ≈ 3·10⁻⁴ bits.
                assertEquals(0, mi.millerMadowBits(k, l), 2e-3);
            }
        }
        assertEquals(SampleAdequacy.ADEQUATE, mi.adequacy());
    }

    @Test
    void identicalCodebooksShareAllTheirEntropy() {
        int[][] codes = ConstructedCodes.uniform(new Random(2), 2, 10_000, 32);
        codes[1] = codes[0].clone();
        CodeStatistics stats = CodeStatistics.of(codes, 32);
        PairInformation pair = stats.mutualInformation(0, 1, Alignment.sameFrame());
        double h = stats.codebook(0).entropyBits();
        // Exactly: the joint cells (a, a) are summed in the same order as the marginal bins.
        assertEquals(h, pair.plugInBits(), 0);
        assertEquals(stats.codebook(0).millerMadowEntropyBits(), pair.millerMadowBits(), 1e-12);
        MutualInformationMatrix mi = stats.mutualInformation(Alignment.sameFrame());
        assertEquals(h, mi.plugInBits(0, 0), 1e-12);
        assertEquals(h, mi.plugInBits(1, 1), 1e-12);
    }

    @Test
    void aNoisyCopyMatchesTheAnalyticMutualInformation() {
        // z² = z¹ with probability p, else uniform: I = log₂V − H(q, r, …, r), q = p + (1−p)/V, r = (1−p)/V.
        int size = 4;
        double p = 0.5;
        int frames = 1_000_000;
        Random random = new Random(3);
        int[][] codes = new int[2][frames];
        for (int t = 0; t < frames; t++) {
            codes[0][t] = random.nextInt(size);
            codes[1][t] = random.nextDouble() < p ? codes[0][t] : random.nextInt(size);
        }
        double q = p + (1 - p) / size;
        double r = (1 - p) / size;
        double[][] joint = new double[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                joint[a][b] = (a == b ? q : r) / size;
            }
        }
        double expected = ConstructedCodes.analyticMutualInformation(joint);
        assertEquals(Math.log(size) / Math.log(2) + q * Math.log(q) / Math.log(2)
                + (size - 1) * r * Math.log(r) / Math.log(2), expected, 1e-12);
        PairInformation pair = CodeStatistics.of(codes, size).mutualInformation(0, 1, 0);
        assertEquals(expected, pair.plugInBits(), 0.01 * expected);
        assertEquals(expected, pair.millerMadowBits(), 0.01 * expected);
    }

    @Test
    void aSampledTwoByTwoTableMatchesTheAnalyticMutualInformation() {
        double[][] joint = {{0.4, 0.1}, {0.2, 0.3}};
        int frames = 1_000_000;
        Random random = new Random(4);
        int[][] codes = new int[2][frames];
        for (int t = 0; t < frames; t++) {
            double u = random.nextDouble();
            int cell = u < 0.4 ? 0 : u < 0.5 ? 1 : u < 0.7 ? 2 : 3;
            codes[0][t] = cell / 2;
            codes[1][t] = cell % 2;
        }
        double expected = ConstructedCodes.analyticMutualInformation(joint);
        PairInformation pair = CodeStatistics.of(codes, 2).mutualInformation(0, 1, Alignment.sameFrame());
        assertEquals(expected, pair.millerMadowBits(), 0.01 * expected);
        assertEquals(SampleAdequacy.ADEQUATE, pair.adequacy());
    }

    @Test
    void aCopyThreeFramesLaterIsFoundAtOffsetThreeOnly() {
        int frames = 20_000;
        int[][] codes = ConstructedCodes.uniform(new Random(5), 2, frames, 16);
        System.arraycopy(codes[0], 0, codes[1], 3, frames - 3); // z²[t+3] = z¹[t]
        CodeStatistics stats = CodeStatistics.of(codes, 16);
        MutualInformationMatrix atThree = stats.mutualInformation(Alignment.frameOffset(3));
        double h = stats.codebook(0).entropyBits();
        assertEquals(frames - 3, atThree.pairs(0, 1));
        assertEquals(h, atThree.plugInBits(0, 1), 1e-3);
        // The matrix at a non-zero offset is not symmetric: z¹[t+3] says nothing about z²[t].
        assertEquals(0, atThree.millerMadowBits(1, 0), 0.01);
        PairInformation mirrored = stats.mutualInformation(1, 0, -3);
        assertEquals(atThree.plugInBits(0, 1), mirrored.plugInBits(), 0);
        assertEquals(1, mirrored.first());
        assertEquals(-3, mirrored.shift());
        MutualInformationMatrix sameFrame = stats.mutualInformation(Alignment.sameFrame());
        assertEquals(0, sameFrame.millerMadowBits(0, 1), 0.01);
        assertTrue(sameFrame.plugInBits(0, 1) < 1.5 * sameFrame.biasBoundBits(0, 1));
    }

    @Test
    void theDelayAlignmentPairsTheCodesEmittedTogether() {
        // Under the delay pattern step t emits z¹[t], z²[t−1], z³[t−2]; make z³[t−2] = f(z¹[t]).
        int frames = 30_000;
        int size = 8;
        int[] f = {3, 7, 0, 5, 1, 6, 2, 4};
        int[][] codes = ConstructedCodes.uniform(new Random(6), 3, frames, size);
        for (int t = 2; t < frames; t++) {
            codes[2][t - 2] = f[codes[0][t]];
        }
        CodeStatistics stats = CodeStatistics.of(codes, size);
        MutualInformationMatrix delay = stats.mutualInformation(Alignment.delayPattern());
        assertEquals(-2, Alignment.delayPattern().shift(0, 2));
        assertEquals(frames - 2, delay.pairs(0, 2));
        assertEquals(frames - 1, delay.pairs(0, 1));
        assertEquals(3.0, delay.millerMadowBits(0, 2), 0.01);
        assertEquals(delay.plugInBits(0, 2), delay.plugInBits(2, 0), 0);
        assertEquals(0, delay.millerMadowBits(0, 1), 0.01);
        assertEquals(0, delay.millerMadowBits(1, 2), 0.01);
        assertEquals(0, stats.mutualInformation(Alignment.sameFrame()).millerMadowBits(0, 2), 0.01);
        for (int k = 0; k < 3; k++) {
            assertEquals(stats.codebook(k).entropyBits(), delay.plugInBits(k, k), 1e-12);
        }
    }

    @Test
    void pairsNeverStraddleTwoClips() {
        // Each clip's first three z² codes copy the previous clip's last three z¹ codes, so pairs at
        // offset 3 that crossed a boundary would be fully dependent; pairs inside a clip are not.
        int clipFrames = 6;
        int numClips = 2_000;
        Random random = new Random(7);
        List<int[][]> clips = new ArrayList<>();
        int[][] previous = null;
        for (int c = 0; c < numClips; c++) {
            int[][] clip = ConstructedCodes.uniform(random, 2, clipFrames, 4);
            if (previous != null) {
                System.arraycopy(previous[0], clipFrames - 3, clip[1], 0, 3);
            }
            clips.add(clip);
            previous = clip;
        }
        CodeStatistics stats = CodeStatistics.ofClips(clips, 4);
        PairInformation pair = stats.mutualInformation(0, 1, Alignment.frameOffset(3));
        assertEquals((long) numClips * (clipFrames - 3), pair.pairs());
        assertEquals(0, pair.millerMadowBits(), 0.01);
        // The same codes as one long clip do straddle: half of the pairs are copies.
        int[][] joined = new int[2][numClips * clipFrames];
        for (int c = 0; c < numClips; c++) {
            for (int k = 0; k < 2; k++) {
                System.arraycopy(clips.get(c)[k], 0, joined[k], c * clipFrames, clipFrames);
            }
        }
        PairInformation straddling = CodeStatistics.of(joined, 4).mutualInformation(0, 1, Alignment.frameOffset(3));
        assertEquals((long) numClips * clipFrames - 3, straddling.pairs());
        assertTrue(straddling.millerMadowBits() > 0.3, "straddling MI " + straddling.millerMadowBits());
        // Delay alignment with K = 2: one pair fewer per clip.
        assertEquals((long) numClips * (clipFrames - 1), stats.mutualInformation(0, 1, Alignment.delayPattern()).pairs());
    }

    @Test
    void clipsShorterThanTheOffsetContributeNoPairs() {
        CodeStatistics stats = CodeStatistics.of(new int[][] {{0, 1}, {1, 0}}, 2);
        PairInformation pair = stats.mutualInformation(0, 1, Alignment.frameOffset(5));
        assertEquals(0, pair.pairs());
        assertEquals(0, pair.plugInBits());
        assertEquals(SampleAdequacy.TOO_FEW_FRAMES, pair.adequacy());
    }

    @Test
    void largeCodebooksWithFewFramesAreFlagged() {
        CodeStatistics stats = CodeStatistics.of(ConstructedCodes.uniform(new Random(8), 2, 20_000, 1024), 1024);
        MutualInformationMatrix mi = stats.mutualInformation(Alignment.sameFrame());
        assertEquals(SampleAdequacy.TOO_FEW_FRAMES, mi.adequacy());
        assertTrue(mi.biasBoundBits(0, 1) > 10, "bias bound " + mi.biasBoundBits(0, 1));
        // Even Miller–Madow cannot rescue this: most of the 10⁶ joint cells are never seen.
        assertTrue(mi.plugInBits(0, 1) > 4, "plug-in " + mi.plugInBits(0, 1));
    }

    @Test
    void verdictRule() {
        assertEquals(SampleAdequacy.TOO_FEW_FRAMES, SampleAdequacy.judge(0, 0, 0));
        assertEquals(SampleAdequacy.ADEQUATE, SampleAdequacy.judge(100, 0.005, 0.005));
        assertEquals(SampleAdequacy.ADEQUATE, SampleAdequacy.judge(100, 1.0, 0.1));
        assertEquals(SampleAdequacy.MARGINAL, SampleAdequacy.judge(100, 1.0, 0.5));
        assertEquals(SampleAdequacy.TOO_FEW_FRAMES, SampleAdequacy.judge(100, 1.0, 0.6));
    }

    @Test
    void denseAndSortedTalliesAgreeExactly() {
        Random random = new Random(9);
        long[] keys = new long[50_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) (Math.abs(random.nextGaussian()) * 300) % 4096;
        }
        KeyTally dense = KeyTally.dense(keys.clone(), keys.length, 4096);
        KeyTally sorted = KeyTally.sorted(keys.clone(), keys.length);
        assertEquals(dense, sorted);
    }

    @Test
    void sparseJointHistogramsOfLargeCodebooksMatchTheDenseOnes() {
        // V = 4096 with few frames takes the sorted path; the same codes relabelled into V = 64 the
        // dense one. MI does not depend on labels.
        int[][] codes = ConstructedCodes.uniform(new Random(10), 2, 5_000, 64);
        int[][] spread = new int[2][codes[0].length];
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < codes[k].length; t++) {
                spread[k][t] = codes[k][t] * 64 + 7;
            }
        }
        PairInformation small = CodeStatistics.of(codes, 64).mutualInformation(0, 1, 1);
        PairInformation large = CodeStatistics.of(spread, 4096).mutualInformation(0, 1, 1);
        assertEquals(small.plugInBits(), large.plugInBits(), 1e-12);
        assertEquals(small.millerMadowBits(), large.millerMadowBits(), 1e-12);
        assertEquals(small.biasBoundBits(), large.biasBoundBits(), 1e-12);
    }

    @Test
    void sameFrameAndDelayMatricesAreSymmetric() {
        int[][] codes = ConstructedCodes.uniform(new Random(11), 4, 3_000, 8);
        for (int t = 1; t < 3_000; t++) {
            codes[1][t] = (codes[0][t] + codes[1][t - 1]) % 8;
        }
        CodeStatistics stats = CodeStatistics.of(codes, 8);
        for (Alignment a : List.of(Alignment.sameFrame(), Alignment.delayPattern())) {
            double[][] m = stats.mutualInformation(a).millerMadowBits();
            for (int k = 0; k < 4; k++) {
                double[] column = new double[4];
                for (int l = 0; l < 4; l++) {
                    column[l] = m[l][k];
                }
                assertArrayEquals(m[k], column, 0);
            }
        }
    }
}
