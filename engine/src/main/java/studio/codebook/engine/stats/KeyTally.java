package studio.codebook.engine.stats;

import java.util.Arrays;

/**
 * Counts the distinct values among integer keys (cells of a joint histogram) and Σ c ln c over
 * them, without boxing: a dense table when the key space is small next to the number of keys,
 * otherwise sorting the keys and counting runs. Both visit cells in increasing key order, so the
 * floating-point sums do not depend on the strategy.
 *
 * @param occupied cells with at least one key
 * @param sumCLnC Σ c ln c over the cells
 */
record KeyTally(long occupied, double sumCLnC) {

    /** Largest key space counted in a dense table (16 MiB of ints). */
    static final long MAX_DENSE_CELLS = 1L << 22;
    /**
     * Dense while the table has at most this many cells per key: zeroing and scanning a cell costs
     * well under a nanosecond, sorting costs tens of nanoseconds per key.
     */
    static final long DENSE_CELLS_PER_KEY = 32;

    /** Tallies keys[0..n), each in [0, keySpace). May reorder {@code keys}. */
    static KeyTally of(long[] keys, int n, long keySpace) {
        boolean dense = keySpace <= MAX_DENSE_CELLS && keySpace <= DENSE_CELLS_PER_KEY * n;
        return dense ? dense(keys, n, (int) keySpace) : sorted(keys, n);
    }

    static KeyTally dense(long[] keys, int n, int keySpace) {
        int[] table = new int[keySpace];
        for (int i = 0; i < n; i++) {
            table[(int) keys[i]]++;
        }
        long occupied = 0;
        double sum = 0;
        for (int c : table) {
            if (c > 0) {
                occupied++;
                sum += Entropy.cLnC(c);
            }
        }
        return new KeyTally(occupied, sum);
    }

    static KeyTally sorted(long[] keys, int n) {
        Arrays.sort(keys, 0, n);
        long occupied = 0;
        double sum = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            long key = keys[i];
            while (i < n && keys[i] == key) {
                i++;
            }
            occupied++;
            sum += Entropy.cLnC(i - start);
        }
        return new KeyTally(occupied, sum);
    }
}
