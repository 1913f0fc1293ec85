package studio.codebook.engine.quantize;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * One EMA-updated codebook of {@code size} entries of {@code dim} dimensions, as EnCodec's: entries are
 * never trained by gradients, but by k-means on the first training batch and then by exponential
 * moving averages of the vectors assigned to them.
 *
 * <p>All state is held in four DJL parameters, none requiring gradients, so {@link #getParameters()}
 * lists them and the model files save and restore them by name:
 *
 * <ul>
 *   <li>{@code entries} [size, dim] — the codewords;
 *   <li>{@code cluster_sizes} [size] — EMA of how many vectors each entry won per batch;
 *   <li>{@code sums} [size, dim] — EMA of the sum of those vectors (entries = sums / smoothed sizes);
 *   <li>{@code initialised} [1] — 1 once k-means has run on a training batch.
 * </ul>
 *
 * <p>Differences from the reference, on purpose:
 *
 * <ul>
 *   <li>After k-means, {@code sums} = entries × cluster sizes (EnCodec copies the entries themselves,
 *       which shrinks every entry of a cluster of n vectors about n-fold at the first EMA update).
 *   <li>A training step is: assign with the current entries → EMA update → dead-code replacement. A dead
 *       entry (EMA size below the threshold) becomes a random vector of the batch and its EMA buffers are
 *       reset to match (size = threshold, sum = vector × threshold), so the next EMA update keeps it
 *       there; the reference replaces the entry only, and its next update computes it back from the
 *       stale sums. A replaced entry survives if it wins at least {@code threshold} vectors a batch.
 *   <li>{@code kmeansIterations = 0} initialises the entries with random vectors of the first batch.
 * </ul>
 *
 * <p>Randomness (initial k-means centres, replacement vectors) comes from a {@link Random} seeded at
 * construction, so the same seed and the same batches give bit-identical codebooks.
 *
 * <p>As a block its input is [N, dim] vectors and its output their codewords [N, dim] and codes [N]
 * (int64); a training forward initialises and updates the codebook first. The quantizers call the
 * finer-grained methods instead.
 */
public final class Codebook extends AbstractBlock {

    static final String ENTRIES = "entries";
    static final String CLUSTER_SIZES = "cluster_sizes";
    static final String SUMS = "sums";
    static final String INITIALISED = "initialised";

    private final int size;
    private final int dim;
    private final double decay;
    private final double epsilon;
    private final int kmeansIterations;
    private final double deadCodeThreshold;
    private final Random random;

    private final Parameter entries;
    private final Parameter clusterSizes;
    private final Parameter sums;
    private final Parameter initialised;

    /** The array the {@code initialised} flag was last read from, and what it said (avoids a read-back). */
    private NDArray flagArraySeen;
    private boolean flagSeen;

    private Codebook(Builder builder) {
        this.size = builder.size;
        this.dim = builder.dim;
        this.decay = builder.decay;
        this.epsilon = builder.epsilon;
        this.kmeansIterations = builder.kmeansIterations;
        this.deadCodeThreshold = builder.deadCodeThreshold;
        this.random = new Random(builder.seed);
        entries = addParameter(state(ENTRIES, new Shape(size, dim)));
        clusterSizes = addParameter(state(CLUSTER_SIZES, new Shape(size)));
        sums = addParameter(state(SUMS, new Shape(size, dim)));
        initialised = addParameter(state(INITIALISED, new Shape(1)));
    }

    private static Parameter state(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(Initializer.ZEROS)
                .optRequiresGrad(false)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Entries in this codebook. */
    public int size() {
        return size;
    }

    /** Dimension of each entry. */
    public int dim() {
        return dim;
    }

    /** The entries [size, dim] as the store holds them for this device (not a copy: do not modify). */
    public NDArray entries(ParameterStore ps, Device device) {
        return ps.getValue(entries, device, false);
    }

    /** Whether k-means initialisation has happened (reads the flag back only when its array changed). */
    public boolean isCodebookInitialised(ParameterStore ps, Device device) {
        NDArray flag = ps.getValue(initialised, device, false);
        if (flag != flagArraySeen) {
            flagSeen = flag.getFloat(0) > 0.5f;
            flagArraySeen = flag;
        }
        return flagSeen;
    }

    /**
     * Index of the nearest entry for each vector, by squared Euclidean distance. The ‖x‖² term of
     * ‖x‖² − 2x·e + ‖e‖² is the same for every entry, so the argmin uses ‖e‖² − 2x·e only.
     *
     * @param entries [size, dim]
     * @param x [N, dim] (no gradient is taken through the choice)
     * @return [N] int64, on x's manager
     */
    static NDArray nearest(NDArray entries, NDArray x) {
        NDArray codes;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xd = x.stopGradient();
            NDArray entryNorms = entries.square().sum(new int[] {1}); // [size]
            NDArray scores = xd.matMul(entries.transpose()).muli(-2).addi(entryNorms); // [N, size]
            codes = scores.argMin(1);
            NDScope.unregister(codes);
        }
        NDScope.register(codes); // belongs to the caller's scope, if any
        return codes;
    }

    /** The codewords of codes [N] (any integer type): [N, dim] on the codes' manager, no gradient. */
    static NDArray lookup(NDArray entries, NDArray codes) {
        return entries.get(codes.getManager(), new NDIndex("{}", codes.toType(DataType.INT64, false)));
    }

    /** Nearest entry for each vector with this device's current entries. */
    public NDArray encode(ParameterStore ps, NDArray x) {
        return nearest(entries(ps, x.getDevice()), x);
    }

    /** The codewords of the given codes, with no gradient. */
    public NDArray decode(ParameterStore ps, NDArray codes) {
        return lookup(entries(ps, codes.getDevice()), codes);
    }

    /**
     * Runs k-means on this batch if the codebook was never initialised; otherwise does nothing.
     *
     * @param x [N, dim] training vectors
     * @return whether it initialised the codebook now
     */
    public boolean initialiseIfNeeded(ParameterStore ps, NDArray x) {
        Device device = x.getDevice();
        if (isCodebookInitialised(ps, device)) {
            return false;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xd = x.stopGradient();
            NDArray means = xd.get(new NDIndex("{}", sampleRows(xd.getManager(), xd.getShape().get(0))));
            for (int i = 0; i < kmeansIterations; i++) {
                NDArray codes = nearest(means, xd);
                NDArray oneHot = codes.oneHot(size);
                NDArray counts = oneHot.sum(new int[] {0});
                NDArray clusterSums = oneHot.transpose().matMul(xd);
                NDArray newMeans = clusterSums.div(counts.maximum(1f).expandDims(1));
                // an empty cluster keeps its centre
                means = NDArrays.where(rowMask(counts.eq(0)), means, newMeans);
            }
            NDArray counts = nearest(means, xd).oneHot(size).sum(new int[] {0});
            assign(ps, entries, device, means);
            assign(ps, clusterSizes, device, counts);
            assign(ps, sums, device, means.mul(counts.expandDims(1)));
            assign(ps, initialised, device, xd.getManager().ones(new Shape(1)));
        }
        flagArraySeen = ps.getValue(initialised, device, false);
        flagSeen = true;
        return true;
    }

    /**
     * One EMA update with a batch and its codes (chosen with the entries before this update), followed by
     * the replacement of dead entries.
     *
     * @param x [N, dim] training vectors
     * @param codes [N] their codes
     */
    public void update(ParameterStore ps, NDArray x, NDArray codes) {
        Device device = x.getDevice();
        NDArray sizeValue = ps.getValue(clusterSizes, device, false);
        NDArray sumValue = ps.getValue(sums, device, false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xd = x.stopGradient();
            NDArray oneHot = codes.oneHot(size); // [N, size]
            NDArray batchCounts = oneHot.sum(new int[] {0});
            NDArray batchSums = oneHot.transpose().matMul(xd); // [size, dim]
            NDArray newSizes = batchCounts.mul((float) (1 - decay)).addi(sizeValue.mul((float) decay));
            NDArray newSums = batchSums.mul((float) (1 - decay)).addi(sumValue.mul((float) decay));
            NDArray total = newSizes.sum();
            NDArray smoothed = newSizes.add((float) epsilon).div(total.add((float) (size * epsilon))).mul(total);
            NDArray newEntries = newSums.div(smoothed.expandDims(1));
            if (deadCodeThreshold > 0) {
                NDArray dead = newSizes.lt((float) deadCodeThreshold);
                NDArray deadRows = rowMask(dead);
                NDArray replacements = xd.get(new NDIndex("{}", sampleRows(xd.getManager(), xd.getShape().get(0))));
                newEntries = NDArrays.where(deadRows, replacements, newEntries);
                newSums = NDArrays.where(deadRows, replacements.mul((float) deadCodeThreshold), newSums);
                newSizes = NDArrays.where(dead, newSizes.zerosLike().addi((float) deadCodeThreshold), newSizes);
            }
            assign(ps, entries, device, newEntries);
            assign(ps, clusterSizes, device, newSizes);
            assign(ps, sums, device, newSums);
        }
    }

    /** A [size] boolean mask as [size, dim] (the engine's where() does not broadcast). */
    private NDArray rowMask(NDArray mask) {
        return mask.expandDims(1).broadcast(new Shape(size, dim));
    }

    /**
     * {@code size} row indices of a batch of n rows: distinct when n ≥ size (EnCodec's sampling), drawn
     * with replacement otherwise.
     */
    private NDArray sampleRows(NDManager manager, long n) {
        long[] rows = new long[size];
        if (n >= size) {
            // partial Fisher–Yates: the first `size` positions of a random permutation of 0..n-1
            int[] perm = new int[(int) n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < size; i++) {
                int j = i + random.nextInt((int) n - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                rows[i] = perm[i];
            }
        } else {
            for (int i = 0; i < size; i++) {
                rows[i] = random.nextInt((int) n);
            }
        }
        return manager.create(rows);
    }

    /**
     * Replaces a state parameter's value by {@code value} (which this call consumes) without changing the
     * parameter's array object, so a store and optimizers holding it see the new value.
     */
    private static void assign(ParameterStore ps, Parameter parameter, Device device, NDArray value) {
        NDArray target = ps.getValue(parameter, device, false);
        NDArray canonical = parameter.getArray();
        NDArray fresh = value.stopGradient().toType(target.getDataType(), true);
        if (canonical != target) {
            canonical.intern(fresh.toDevice(canonical.getDevice(), true));
        }
        target.intern(fresh);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (training) {
            initialiseIfNeeded(ps, x);
        }
        NDArray codes = encode(ps, x);
        NDArray quantized = decode(ps, codes);
        if (training) {
            update(ps, x, codes);
        }
        return new NDList(quantized, codes);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, dim), new Shape(n)};
    }

    /** Restarts this codebook's random draws (k-means centres, replacement vectors) from {@code seed}. */
    public void reseed(long seed) {
        random.setSeed(seed);
    }

    /** Builds a {@link Codebook}: {@code setSize} and {@code setDimension} are required. */
    public static final class Builder {
        private int size = -1;
        private int dim = -1;
        private double decay = 0.99;
        private double epsilon = 1e-5;
        private int kmeansIterations = 50;
        private double deadCodeThreshold = 2;
        private long seed;

        private Builder() {}

        public Builder setSize(int size) {
            this.size = size;
            return this;
        }

        public Builder setDimension(int dim) {
            this.dim = dim;
            return this;
        }

        public Builder optDecay(double decay) {
            this.decay = decay;
            return this;
        }

        public Builder optEpsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Builder optKmeansIterations(int iterations) {
            this.kmeansIterations = iterations;
            return this;
        }

        public Builder optDeadCodeThreshold(double threshold) {
            this.deadCodeThreshold = threshold;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Takes size, dimension and the EMA settings from a quantizer configuration. */
        public Builder optSettings(QuantizerConfig config, int dimension) {
            this.size = config.codebookSize();
            this.dim = dimension;
            this.decay = config.emaDecay();
            this.epsilon = config.epsilon();
            this.kmeansIterations = config.kmeansIterations();
            this.deadCodeThreshold = config.deadCodeThreshold();
            return this;
        }

        public Codebook build() {
            if (size < 2 || dim < 1) {
                throw new IllegalArgumentException("a codebook needs size >= 2 and dimension >= 1");
            }
            if (!(decay > 0 && decay < 1) || !(epsilon > 0) || kmeansIterations < 0 || deadCodeThreshold < 0) {
                throw new IllegalArgumentException("invalid codebook EMA settings");
            }
            return new Codebook(this);
        }
    }
}
