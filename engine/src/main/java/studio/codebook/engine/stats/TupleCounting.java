package studio.codebook.engine.stats;

/** Total correlation of coarse-grained codes from the joint histogram of K-tuples of groups. */
final class TupleCounting {

    private TupleCounting() {
    }

    static CoarseGrainedTotalCorrelation measure(int[][][] clips, Alignment alignment, CoarseGraining grouping) {
        int numCodebooks = clips[0].length;
        int groups = grouping.groups();
        long cells = 1;
        for (int k = 0; k < numCodebooks; k++) {
            if (cells > Long.MAX_VALUE / groups) {
                throw new IllegalArgumentException(groups + " groups for " + numCodebooks
                        + " codebooks make too many joint cells; use fewer groups");
            }
            cells *= groups;
        }
        int[] shifts = new int[numCodebooks];
        int low = 0;
        int high = 0;
        for (int k = 0; k < numCodebooks; k++) {
            shifts[k] = alignment.tupleShift(k);
            low = Math.min(low, shifts[k]);
            high = Math.max(high, shifts[k]);
        }
        // Step t is valid when t + s_k lies in the clip for every k: t in [−low, T − high).
        long total = 0;
        for (int[][] clip : clips) {
            total += Math.max(0, clip[0].length - (high - low));
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many frames to count at once: " + total);
        }
        int n = (int) total;
        long[] keys = new long[n];
        int[][] marginal = new int[numCodebooks][groups];
        int i = 0;
        for (int[][] clip : clips) {
            int frames = clip[0].length;
            int start = i;
            int count = Math.max(0, frames - (high - low));
            for (int k = 0; k < numCodebooks; k++) {
                int[] codes = clip[k];
                int[] map = grouping.mapOf(k);
                int[] m = marginal[k];
                int offset = -low + shifts[k];
                for (int j = 0; j < count; j++) {
                    int g = map[codes[j + offset]];
                    m[g]++;
                    keys[start + j] = keys[start + j] * groups + g;
                }
            }
            i += count;
        }
        double marginalPlugIn = 0;
        double marginalCorrected = 0;
        long occupiedProduct = 1;
        long occupiedExcess = 0;
        for (int k = 0; k < numCodebooks; k++) {
            PairCounting.Marginal mk = PairCounting.Marginal.of(marginal[k]);
            double h = Entropy.plugInBits(n, mk.sumCLnC());
            marginalPlugIn += h;
            marginalCorrected += h + Entropy.millerMadowCorrectionBits(mk.occupied(), n);
            occupiedProduct = saturatingMultiply(occupiedProduct, Math.max(1, mk.occupied()));
            occupiedExcess += Math.max(0, mk.occupied() - 1);
        }
        KeyTally joint = KeyTally.of(keys, n, cells);
        double jointPlugIn = Entropy.plugInBits(n, joint.sumCLnC());
        double plugIn = n == 0 ? 0 : marginalPlugIn - jointPlugIn;
        double corrected = n == 0 ? 0
                : marginalCorrected - jointPlugIn - Entropy.millerMadowCorrectionBits(joint.occupied(), n);
        double bound = n == 0 ? 0 : (occupiedProduct - 1 - occupiedExcess) / (2.0 * n * Entropy.LN2);
        return new CoarseGrainedTotalCorrelation(groups, grouping.method(), cells, joint.occupied(), n, plugIn,
                corrected, marginalCorrected, marginalCorrected > 0 ? corrected / marginalCorrected : 0, bound,
                SampleAdequacy.judge(n, plugIn, bound));
    }

    private static long saturatingMultiply(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
