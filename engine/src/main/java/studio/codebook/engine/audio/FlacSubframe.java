package studio.codebook.engine.audio;

/**
 * Encodes one channel of one FLAC frame: CONSTANT when every sample is the same, otherwise the fixed
 * polynomial predictor (order 0–4) whose residual has the smallest absolute sum, with partitioned Rice
 * coding; VERBATIM when that would not be smaller. The Rice partition order (0–8) and each partition's
 * parameter are chosen by counting the exact bits of a few candidates.
 */
final class FlacSubframe {

    private static final int MAX_PARTITION_ORDER = 8;

    private final int bits;
    /** RICE2 (5-bit parameters) above 16 bits per sample, where residuals need parameters past 14. */
    private final boolean rice2;
    private final int maxParameter;
    private final long[][] residuals = new long[5][];

    FlacSubframe(int bits, int maxBlockSize) {
        this.bits = bits;
        this.rice2 = bits > 16;
        this.maxParameter = rice2 ? 30 : 14;
        for (int o = 0; o < 5; o++) {
            residuals[o] = new long[maxBlockSize];
        }
    }

    /** Writes the subframe of {@code x[0..n)}. */
    void write(FlacBitWriter out, int[] x, int n) {
        if (isConstant(x, n)) {
            out.bits(0, 8); // zero pad bit, type 000000, no wasted bits
            out.signed(x[0], bits);
            return;
        }
        int order = bestOrder(x, n);
        long[] res = residuals[order];
        Rice rice = chooseRice(res, order, n);
        long fixedBits = 8 + (long) order * bits + rice.bits;
        long verbatimBits = 8 + (long) n * bits;
        if (verbatimBits <= fixedBits) {
            out.bits(0b00000010, 8); // type 000001: VERBATIM
            for (int i = 0; i < n; i++) {
                out.signed(x[i], bits);
            }
            return;
        }
        out.bits(0b00010000 | (order << 1), 8); // type 001ooo: FIXED of order ooo
        for (int i = 0; i < order; i++) {
            out.signed(x[i], bits);
        }
        out.bits(rice2 ? 1 : 0, 2);
        out.bits(rice.partitionOrder, 4);
        int partitions = 1 << rice.partitionOrder;
        int size = n >> rice.partitionOrder;
        int at = order;
        for (int p = 0; p < partitions; p++) {
            int end = (p + 1) * size;
            int k = rice.parameters[p];
            out.bits(k, rice2 ? 5 : 4);
            for (int i = at; i < end; i++) {
                long u = zigzag(res[i]);
                out.unary(u >>> k);
                out.bits(u, k);
            }
            at = end;
        }
    }

    private static boolean isConstant(int[] x, int n) {
        for (int i = 1; i < n; i++) {
            if (x[i] != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** Fills the residuals of every usable order and returns the one with the smallest absolute sum. */
    private int bestOrder(int[] x, int n) {
        int maxOrder = Math.min(4, n - 1);
        long[] sums = new long[5];
        for (int i = 0; i < n; i++) {
            long a = x[i];
            long b = i >= 1 ? x[i - 1] : 0;
            long c = i >= 2 ? x[i - 2] : 0;
            long d = i >= 3 ? x[i - 3] : 0;
            long e = i >= 4 ? x[i - 4] : 0;
            residuals[0][i] = a;
            residuals[1][i] = a - b;
            residuals[2][i] = a - 2 * b + c;
            residuals[3][i] = a - 3 * b + 3 * c - d;
            residuals[4][i] = a - 4 * b + 6 * c - 4 * d + e;
            if (i >= maxOrder) { // compare orders over the same samples
                for (int o = 0; o <= maxOrder; o++) {
                    sums[o] += Math.abs(residuals[o][i]);
                }
            }
        }
        int best = 0;
        for (int o = 1; o <= maxOrder; o++) {
            if (sums[o] < sums[best]) {
                best = o;
            }
        }
        return best;
    }

    private record Rice(int partitionOrder, int[] parameters, long bits) {}

    /** The cheapest partition order and per-partition parameters for {@code res[order..n)}. */
    private Rice chooseRice(long[] res, int order, int n) {
        Rice best = null;
        for (int p = 0; p <= MAX_PARTITION_ORDER; p++) {
            if (p > 0 && ((n & ((1 << p) - 1)) != 0 || (n >> p) <= order)) {
                break;
            }
            int partitions = 1 << p;
            int size = n >> p;
            int[] params = new int[partitions];
            long total = 2 + 4;
            int at = order;
            for (int q = 0; q < partitions; q++) {
                int end = (q + 1) * size;
                long[] cost = bestParameter(res, at, end);
                params[q] = (int) cost[0];
                total += (rice2 ? 5 : 4) + cost[1];
                at = end;
            }
            if (best == null || total < best.bits) {
                best = new Rice(p, params, total);
            }
        }
        return best;
    }

    /** {parameter, bits} of the cheapest Rice parameter for res[from, to): near log2 of the mean, checked exactly. */
    private long[] bestParameter(long[] res, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return new long[] {0, 0};
        }
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += zigzag(res[i]);
        }
        long mean = sum / count;
        int guess = Math.min(maxParameter, mean <= 0 ? 0 : 63 - Long.numberOfLeadingZeros(mean));
        long bestBits = Long.MAX_VALUE;
        int bestK = 0;
        for (int k = Math.max(0, guess - 1); k <= Math.min(maxParameter, guess + 1); k++) {
            long b = (long) count * (k + 1);
            for (int i = from; i < to; i++) {
                b += zigzag(res[i]) >>> k;
            }
            if (b < bestBits) {
                bestBits = b;
                bestK = k;
            }
        }
        return new long[] {bestK, bestBits};
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
