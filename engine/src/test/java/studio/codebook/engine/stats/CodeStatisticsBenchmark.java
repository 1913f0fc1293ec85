package studio.codebook.engine.stats;

import java.util.List;
import java.util.Random;

/**
 * Prints how long the full report takes for 4 codebooks × 1024 entries × 100 000 frames (not a
 * test: run {@code java -cp ... studio.codebook.engine.stats.CodeStatisticsBenchmark}).
 */
public final class CodeStatisticsBenchmark {

    private CodeStatisticsBenchmark() {
    }

    public static void main(String[] args) {
        int k = 4;
        int size = 1024;
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int[][] codes = ConstructedCodes.uniform(new Random(1), k, frames, size);
        for (int run = 1; run <= 5; run++) {
            long start = System.nanoTime();
            CodeStatistics stats = CodeStatistics.of(codes, size);
            long histograms = System.nanoTime();
            MutualInformationMatrix same = stats.mutualInformation(Alignment.sameFrame());
            MutualInformationMatrix delay = stats.mutualInformation(Alignment.delayPattern());
            MutualInformationMatrix offset = stats.mutualInformation(Alignment.frameOffset(3));
            long matrices = System.nanoTime();
            TotalCorrelation tcSame = stats.totalCorrelation(Alignment.sameFrame(), 8);
            TotalCorrelation tcDelay = stats.totalCorrelation(Alignment.delayPattern(), 8);
            long tc = System.nanoTime();
            CodeReport report = stats.report(List.of(Alignment.sameFrame(), Alignment.delayPattern()), 4);
            long end = System.nanoTime();
            System.out.printf("run %d: %d x %d x %d: histograms %.1f ms, 3 MI matrices %.1f ms, 2 TC (G=8) %.1f ms,"
                            + " report (cached pairs) %.1f ms, total %.1f ms%n", run, k, size, frames,
                    (histograms - start) / 1e6, (matrices - histograms) / 1e6, (tc - matrices) / 1e6,
                    (end - tc) / 1e6, (end - start) / 1e6);
            if (run == 5) {
                System.out.printf("MI(z1;z2) same frame %.3f (bias bound %.3f, %s); TC delay %.4f; %s %s%n",
                        same.plugInBits(0, 1), same.biasBoundBits(0, 1), same.adequacy(),
                        tcDelay.coarseGrained().millerMadowBits(), delay.adequacy(), offset.adequacy());
                System.out.println(report.toText());
                System.out.println(tcSame.coarseGrained());
            }
        }
        // A cold start in a fresh JVM is what `analyze` sees: a second process measures that.
    }
}
