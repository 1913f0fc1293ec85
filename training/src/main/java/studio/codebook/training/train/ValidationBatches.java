package studio.codebook.training.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * The validation examples walked in batches of the training batch size, each batch in its own
 * {@link NDScope} and sub-manager (so a validation holds at most one batch's arrays), and the figures each
 * batch reports averaged over all examples, a batch weighing as many examples as it holds.
 */
final class ValidationBatches {

    /** Figures of the examples {@code from} (inclusive) to {@code to} (exclusive), each a mean over them. */
    interface Batch {
        float[] measure(NDManager scope, int from, int to);
    }

    private ValidationBatches() {}

    /**
     * The per-example means of what {@code batch} reports for examples 0 … {@code count}−1.
     *
     * @param count validation examples, at least 1
     * @param parent the manager the batches' sub-managers are made from
     */
    static double[] means(int count, int batchSize, NDManager parent, Batch batch) {
        double[] sums = null;
        int n = 0;
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            try (NDScope scope = new NDScope(); NDManager sub = parent.newSubManager()) {
                scope.suppressNotUsedWarning();
                float[] v = batch.measure(sub, from, to);
                if (sums == null) {
                    sums = new double[v.length];
                }
                int size = to - from;
                for (int i = 0; i < v.length; i++) {
                    sums[i] += v[i] * size;
                }
                n += size;
            }
        }
        double[] means = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            means[i] = sums[i] / n;
        }
        return means;
    }
}
