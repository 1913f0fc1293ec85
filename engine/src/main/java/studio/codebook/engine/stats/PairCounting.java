package studio.codebook.engine.stats;

/** Mutual information of two codebooks from the sparse 2-D histogram of (x, y) pairs. */
final class PairCounting {

    private PairCounting() {
    }

    /** I(z^k_t ; z^l_{t+shift}) over every t where both frames lie in the same clip. */
    static PairInformation measure(int[][][] clips, int k, int l, int shift, int codebookSize) {
        long total = 0;
        for (int[][] clip : clips) {
            total += Math.max(0, clip[0].length - Math.abs((long) shift));
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many frames to count at once: " + total);
        }
        int n = (int) total;
        long[] keys = new long[n];
        int[] countX = new int[codebookSize];
        int[] countY = new int[codebookSize];
        long size = codebookSize;
        int i = 0;
        for (int[][] clip : clips) {
            int[] xs = clip[k];
            int[] ys = clip[l];
            int from = Math.max(0, -shift);
            int to = (int) Math.min(xs.length, (long) xs.length - shift);
            for (int t = from; t < to; t++) {
                int x = xs[t];
                int y = ys[t + shift];
                countX[x]++;
                countY[y]++;
                keys[i++] = x * size + y;
            }
        }
        Marginal mx = Marginal.of(countX);
        Marginal my = Marginal.of(countY);
        KeyTally joint = KeyTally.of(keys, n, size * size);
        double hx = Entropy.plugInBits(n, mx.sumCLnC);
        double hy = Entropy.plugInBits(n, my.sumCLnC);
        double hxy = Entropy.plugInBits(n, joint.sumCLnC());
        double plugIn = n == 0 ? 0 : hx + hy - hxy;
        double corrected = n == 0 ? 0
                : plugIn + Entropy.millerMadowCorrectionBits(mx.occupied, n)
                        + Entropy.millerMadowCorrectionBits(my.occupied, n)
                        - Entropy.millerMadowCorrectionBits(joint.occupied(), n);
        double bound = Entropy.independenceBiasBits(mx.occupied, my.occupied, n);
        return new PairInformation(k, l, shift, n, plugIn, corrected, bound, SampleAdequacy.judge(n, plugIn, bound));
    }

    /** Occupied bins and Σ c ln c of a dense histogram. */
    record Marginal(long occupied, double sumCLnC) {
        static Marginal of(int[] counts) {
            long occupied = 0;
            double sum = 0;
            for (int c : counts) {
                if (c > 0) {
                    occupied++;
                    sum += Entropy.cLnC(c);
                }
            }
            return new Marginal(occupied, sum);
        }
    }
}
