package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.device.Scalars;

/**
 * The paper's independence-promoting loss: the squared maximum mean discrepancy between the joint
 * distribution of the K quantizer streams and the product of their marginals (METHOD.md, point 5).
 *
 * <p>From K streams [B, D_k, T]:
 *
 * <ol>
 *   <li><b>alignment</b> — {@link Alignment#DELAY}: stream k (0-based) is shifted right by k frames with
 *       zeros and the first K frames are cropped, so T' = T − K and a sample is
 *       [s¹ₜ; s²ₜ₋₁; …; sᴷₜ₋ₖ₊₁] (the reference crops K frames although only K − 1 hold padding; we keep
 *       that so the values match it). {@link Alignment#SAME}: T' = T;
 *   <li>batch and time are flattened into N = B·T' samples, sample index b·T' + t, each the K stacked
 *       D_k-vectors; with {@code maxSamples} > 0 and N above it, a random subset of that many samples;
 *   <li>each of the Σ D_k coordinates is standardised over the N samples: (x − mean) / sqrt(var + 1e-8),
 *       var with the N − 1 denominator;
 *   <li>a sample of the product of marginals: stream k of sample perm_k[i] becomes stream k of sample i,
 *       one random permutation per stream;
 *   <li>MMD² = Σ_σ [ (Sxx − N) / (N(N−1)) + (Syy − N) / (N(N−1)) − 2 Sxy / N² ] with
 *       S = Σ over all pairs of exp(−‖a − b‖² / (2σ)); the "− N" drops the diagonal (each exp(0) = 1),
 *       here done by giving the diagonal a huge distance, so its kernels are exactly 0 with no rounding
 *       error and no gradient;
 *   <li>{@link #compute} clamps at 0.
 * </ol>
 *
 * <p><b>Scale.</b> The estimator divides by the sample count N. The authors' code divided by the batch
 * size B where N = B·T belongs, which multiplies the loss by about T² and adds a constant; its weight
 * 1000 was tuned on that scale and must not be reused here. The values are small by nature (the
 * bandwidths are far below the typical squared distance ≈ 2·Σ D_k of standardised rows, so only close
 * pairs count): choose λ ({@link IndependenceConfig#weight()}) on this scale, e.g. by matching the loss's
 * gradient norm to the reconstruction loss's.
 *
 * <p><b>Cost.</b> Pairwise squared distances come from ‖a‖² + ‖b‖² − 2a·b (three N×N matrix products,
 * x–x, y–y and x–y) and all bandwidths share them; time and memory grow as N², which is what
 * {@code maxSamples} bounds.
 *
 * <p>Gradients flow to the streams through both the joint sample and its permuted copy, as in the
 * reference. This class only reads the streams: computing them without touching the quantizer's EMA
 * state is {@code Quantizer.streams}'s job.
 */
public final class IndependenceLoss {

    /** Added to the variance inside the square root when standardising (the reference's value). */
    static final double VARIANCE_EPSILON = 1e-8;

    /** Put on the x–x and y–y diagonals so that exp(−d/(2σ)) is exactly 0 there for every σ. */
    private static final double DIAGONAL_DISTANCE = 1e30;

    private final IndependenceConfig config;

    public IndependenceLoss(IndependenceConfig config) {
        this.config = config;
    }

    public IndependenceConfig config() {
        return config;
    }

    /**
     * MMD² (clamped at 0) between the joint of the K streams and the product of their marginals. It is not
     * multiplied by λ: the trainer does that with {@code config().weight()}.
     *
     * @param streams K ≥ 2 arrays [B, D_k, T] with the same B and T (for RVQ D_k = D, for PVQ D/K), attached
     *     to the encoder's graph
     * @param random draws the permutations and, when N exceeds {@code maxSamples}, the subsample
     * @return a scalar on the first stream's manager, attached to the autograd graph
     */
    public NDArray compute(NDList streams, Random random) {
        return estimate(streams, random, true);
    }

    /**
     * The same estimate without the clamp: for evaluation, where the sign and spread of the unbiased
     * estimate say how far a value is from estimator noise.
     */
    public NDArray computeUnclamped(NDList streams, Random random) {
        return estimate(streams, random, false);
    }

    /** λ · MMD² (clamped), the term the codec objective adds. */
    public NDArray weighted(NDList streams, Random random) {
        NDArray mmd = compute(streams, random);
        NDArray out = mmd.mul(Scalars.of(mmd, config.weight()));
        mmd.close();
        return out;
    }

    private NDArray estimate(NDList streams, Random random, boolean clamp) {
        long[] dims = check(streams);
        NDManager manager = streams.get(0).getManager();
        NDArray result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray rows = samples(streams, config.alignment() == Alignment.DELAY);
            int n = Math.toIntExact(rows.getShape().get(0));
            int max = config.maxSamples();
            if (max > 0 && n > max) {
                rows = rows.get(new NDIndex("{}", MelSpectrogram.owned(manager.create(subsample(random, n, max))))); // see owned
                n = max;
            }
            int[][] permutations = new int[streams.size()][];
            for (int k = 0; k < permutations.length; k++) {
                permutations[k] = permutation(random, n);
            }
            NDArray mmd = mmd2(rows, dims, permutations, config.sigmas());
            result = clamp ? mmd.maximum(Scalars.of(mmd, 0)) : mmd;
            NDScope.unregister(result);
        }
        result.attach(manager);
        NDScope.register(result);
        return result;
    }

    /**
     * The same computation with given permutations, no subsampling and no clamp, in float64, as
     * {@code shared/reference/mmd_cases.json} defines it — for tests and evaluation.
     *
     * @param x [B, K, D, T], the K streams stacked on axis 1
     * @param delay delay alignment (otherwise same-frame)
     * @param permutations [K][N], N = B·T' the sample count after alignment
     * @param sigmas kernel bandwidths
     */
    public static double referenceValue(NDArray x, boolean delay, int[][] permutations, List<Double> sigmas) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("referenceValue expects x [B, K, D, T], got " + s);
        }
        int k = Math.toIntExact(s.get(1));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x64 = x.toType(DataType.FLOAT64, true);
            NDList streams = new NDList(k);
            for (int i = 0; i < k; i++) {
                streams.add(x64.get(new NDIndex(":, {}, :, :", i)));
            }
            long[] dims = check(streams);
            NDArray rows = samples(streams, delay);
            return mmd2(rows, dims, permutations, sigmas).getDouble();
        }
    }

    /** Validates the streams and returns each one's D_k. */
    private static long[] check(NDList streams) {
        if (streams == null || streams.size() < 2) {
            throw new IllegalArgumentException("the independence loss needs at least 2 streams, got "
                    + (streams == null ? 0 : streams.size()));
        }
        Shape first = streams.get(0).getShape();
        long[] dims = new long[streams.size()];
        for (int k = 0; k < dims.length; k++) {
            Shape s = streams.get(k).getShape();
            if (s.dimension() != 3 || s.get(0) != first.get(0) || s.get(2) != first.get(2)) {
                throw new IllegalArgumentException("streams must all be [B, D_k, T] with the same B and T; stream 0 is "
                        + first + ", stream " + k + " is " + s);
            }
            dims[k] = s.get(1);
        }
        return dims;
    }

    /**
     * Aligns the streams and flattens batch and time: [N, Σ D_k], row b·T' + t.
     *
     * <p>Delay: shifting stream k right by k frames and cropping the first K frames leaves, at output frame
     * t' (t' = 0 … T − K − 1), stream k's frame t' + K − k; so each stream is a slice, no padding needed.
     */
    static NDArray samples(NDList streams, boolean delay) {
        int k = streams.size();
        long t = streams.get(0).getShape().get(2);
        long kept = delay ? t - k : t;
        if (kept < 1 || kept * streams.get(0).getShape().get(0) < 2) {
            throw new IllegalArgumentException("too few frames for the independence loss: " + t + " frames"
                    + (delay ? " with " + k + " cropped by the delay alignment" : "")
                    + " leave fewer than 2 samples");
        }
        NDList parts = new NDList(k);
        for (int i = 0; i < k; i++) {
            NDArray s = streams.get(i);
            if (delay) {
                s = s.get(new NDIndex(":, :, {}:{}", k - i, t - i));
            }
            long d = s.getShape().get(1);
            parts.add(s.transpose(0, 2, 1).reshape(-1, d));
        }
        return NDArrays.concat(parts, 1);
    }

    /**
     * The unclamped MMD² of rows [N, Σ D_k] (before standardisation) against their per-stream permutation.
     */
    static NDArray mmd2(NDArray rows, long[] dims, int[][] permutations, List<Double> sigmas) {
        long n = rows.getShape().get(0);
        if (permutations.length != dims.length) {
            throw new IllegalArgumentException(dims.length + " streams need as many permutations, got " + permutations.length);
        }
        for (int[] p : permutations) {
            if (p.length != n) {
                throw new IllegalArgumentException("a permutation has " + p.length + " entries for " + n + " samples");
            }
        }
        NDManager manager = rows.getManager();
        NDArray centred = rows.sub(rows.mean(new int[] {0}, true));
        NDArray variance = centred.square().sum(new int[] {0}, true).div(scalar(rows, n - 1));
        NDArray x = centred.div(variance.add(scalar(rows, VARIANCE_EPSILON)).sqrt());

        NDList permuted = new NDList(dims.length);
        long offset = 0;
        for (int k = 0; k < dims.length; k++) {
            NDArray block = x.get(new NDIndex(":, {}:{}", offset, offset + dims[k]));
            long[] index = new long[(int) n];
            for (int i = 0; i < n; i++) {
                index[i] = permutations[k][i];
            }
            permuted.add(block.get(new NDIndex("{}", MelSpectrogram.owned(manager.create(index))))); // saved for backward
            offset += dims[k];
        }
        NDArray y = NDArrays.concat(permuted, 1);

        NDArray xNorms = x.square().sum(new int[] {1});
        NDArray yNorms = y.square().sum(new int[] {1});
        // A huge distance on the diagonal makes every exp there exactly 0 (with zero gradient): the
        // reference's "− N" without its rounding error.
        NDArray diagonal = manager.eye((int) n, (int) n, 0, rows.getDataType()).mul(scalar(rows, DIAGONAL_DISTANCE));
        NDArray sxx = kernelSum(squaredDistances(x, xNorms, x, xNorms).add(diagonal), sigmas);
        NDArray syy = kernelSum(squaredDistances(y, yNorms, y, yNorms).add(diagonal), sigmas);
        NDArray sxy = kernelSum(squaredDistances(x, xNorms, y, yNorms), sigmas);
        double within = 1.0 / ((double) n * (n - 1));
        double between = 2.0 / ((double) n * n);
        return sxx.add(syy).mul(scalar(rows, within)).sub(sxy.mul(scalar(rows, between)));
    }

    /**
     * ‖a_i − b_j‖² for all pairs: [N, N]. Rounding can make a near-zero distance slightly negative; the
     * kernel then reads a hair above 1, harmless, so no clamp (one N² pass fewer).
     */
    private static NDArray squaredDistances(NDArray a, NDArray aNorms, NDArray b, NDArray bNorms) {
        NDArray cross = a.matMul(b.transpose());
        return cross.mul(scalar(a, -2)).add(aNorms.expandDims(1)).add(bNorms.expandDims(0));
    }

    /** Σ_σ Σ_ij exp(−d_ij / (2σ)): a scalar (summed per σ, so no N² accumulator). */
    private static NDArray kernelSum(NDArray distances, List<Double> sigmas) {
        NDArray sum = null;
        for (double sigma : sigmas) {
            NDArray k = distances.mul(scalar(distances, -1.0 / (2 * sigma))).exp().sum();
            sum = sum == null ? k : sum.add(k);
        }
        return sum;
    }

    /**
     * A scalar of the array's own floating type (a Java double would promote float32 results to float64),
     * made and owned by libtorch: a Java number would be wrapped without a copy and freed before the
     * backward pass reads it (see {@code Scalars}).
     */
    private static NDArray scalar(NDArray like, double value) {
        if (like.getDataType() == DataType.FLOAT64) {
            return like.getManager().create(value); // the float64 reference path has no backward pass
        }
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** A uniformly random permutation of 0 … n−1 (Fisher–Yates). */
    static int[] permutation(Random random, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code m} distinct sample indices out of n, in increasing order. */
    static long[] subsample(Random random, int n, int m) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] chosen = Arrays.copyOf(p, m);
        Arrays.sort(chosen);
        long[] out = new long[m];
        for (int i = 0; i < m; i++) {
            out[i] = chosen[i];
        }
        return out;
    }
}
