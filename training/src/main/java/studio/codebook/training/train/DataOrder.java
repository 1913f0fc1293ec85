package studio.codebook.training.train;

import java.util.Random;

/**
 * The order in which a run visits its examples: an endless sequence of epochs, each a permutation of
 * 0…n−1 drawn from the seed and the epoch number, cut into batches. Batch s is a function of (seed, s)
 * alone, so a resumed run sees exactly the batches an uninterrupted one would, and a macro-batch of the last
 * M batches can be rebuilt from the step number instead of being kept in memory or in a checkpoint.
 */
public final class DataOrder {

    private final int size;
    private final int batchSize;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    public DataOrder(int size, int batchSize, long seed) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need at least one example and a batch of at least one, got "
                    + size + " and " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The example indices of batch {@code step} (0-based). */
    public int[] batch(long step) {
        int[] out = new int[batchSize];
        long start = step * batchSize;
        for (int i = 0; i < batchSize; i++) {
            long position = start + i;
            out[i] = permutation(position / size)[(int) (position % size)];
        }
        return out;
    }

    /** Examples consumed before batch {@code step}: the position recorded in a checkpoint. */
    public long position(long step) {
        return step * batchSize;
    }

    /** The epoch batch {@code step} starts in. */
    public long epoch(long step) {
        return position(step) / size;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[size];
            for (int i = 0; i < size; i++) {
                p[i] = i;
            }
            Random random = new Random(mix(seed, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            cachedEpoch = epoch;
            cachedPermutation = p;
        }
        return cachedPermutation;
    }

    /** A well-spread seed for (seed, counter) (SplitMix64's finaliser). */
    static long mix(long seed, long counter) {
        long z = seed + 0x9E3779B97F4A7C15L * (counter + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
