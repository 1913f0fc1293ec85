package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.device.Scalars;

/**
 * What the residual and product quantizers share: K child {@link Codebook}s (children "01codebook" …,
 * so their parameters are listed as {@code 01codebook_entries}, {@code 01codebook_cluster_sizes},
 * {@code 01codebook_sums}, {@code 01codebook_initialised}, {@code 02codebook_entries} …), the dropout
 * draw, one codebook's pass over a batch ({@link #assign}), the block plumbing and the memory discipline:
 * the public methods check their input, run the subclass's {@code …Internal} method (the quantizer's own
 * arithmetic) in an {@link NDScope} and hand back only its results, attached to the input's manager.
 *
 * <p>As a block, its input is the latent [B, D, T] and its output (quantized [B, D, T], codes
 * [B, K', T], commitment loss []).
 */
public abstract class AbstractQuantizer extends AbstractBlock implements Quantizer {

    private final QuantizerConfig config;
    private final List<Codebook> codebooks;
    private final Random dropoutRandom;

    protected AbstractQuantizer(QuantizerConfig config, long seed, int codebookDimension) {
        this.config = config;
        this.dropoutRandom = new Random(seed);
        List<Codebook> list = new ArrayList<>();
        for (int k = 0; k < config.codebooks(); k++) {
            Codebook codebook = Codebook.builder()
                    .optSettings(config, codebookDimension)
                    .optSeed(mix(seed, k))
                    .build();
            list.add(addChildBlock("codebook", codebook));
        }
        this.codebooks = Collections.unmodifiableList(list);
    }

    @Override
    public QuantizerConfig config() {
        return config;
    }

    /** Codebook k (0-based). */
    public Codebook codebook(int k) {
        return codebooks.get(k);
    }

    /** All K codebooks in order. */
    public List<Codebook> codebooks() {
        return codebooks;
    }

    /**
     * How many codebooks a batch uses: K, except in training where with probability
     * {@code dropoutProbability} it is uniform in 1..K. Eval never drops; p = 0 draws nothing.
     */
    protected int codebooksForBatch(boolean training) {
        int k = config.codebooks();
        double p = config.dropoutProbability();
        if (training && p > 0 && dropoutRandom.nextDouble() < p) {
            return 1 + dropoutRandom.nextInt(k);
        }
        return k;
    }

    /** Initialises the parameters for this latent's shape if that has not happened yet. */
    protected void ensureInitialised(ParameterStore ps, NDArray latent) {
        checkLatent(latent);
        if (!isInitialized()) {
            initialize(ps.getManager(), DataType.FLOAT32, latent.getShape());
        }
    }

    protected void checkLatent(NDArray latent) {
        Shape s = latent.getShape();
        if (s.dimension() != 3 || s.get(1) != config.dimension()) {
            throw new IllegalArgumentException(
                    "quantizer expects a latent [B, " + config.dimension() + ", T], got " + s);
        }
    }

    protected void checkCodes(NDArray codes) {
        Shape s = codes.getShape();
        if (s.dimension() != 3 || s.get(1) < 1 || s.get(1) > config.codebooks()) {
            throw new IllegalArgumentException(
                    "codes must be [B, k, T] with 1 <= k <= " + config.codebooks() + ", got " + s);
        }
    }

    protected void checkK(int k) {
        if (k < 1 || k > config.codebooks()) {
            throw new IllegalArgumentException("k must be 1.." + config.codebooks() + ", not " + k);
        }
    }

    /** Refuses a configuration of another kind than the builder's ("rvq" or "pvq"). */
    static void checkKind(QuantizerConfig config, String kind) {
        if (!kind.equals(config.kind())) {
            throw new IllegalArgumentException("configuration kind is '" + config.kind() + "', not '" + kind + "'");
        }
    }

    /** What codebook k made of a batch of frame rows: the chosen entries [N] and their codewords [N, d]. */
    record Assignment(NDArray codes, NDArray codewords) {}

    /**
     * Codebook k's nearest entries for frame rows that carry no gradient; in training the codebook is
     * first k-means-initialised (on its first batch) and then EMA-updated with the assignment.
     */
    Assignment assign(ParameterStore ps, int k, NDArray detachedRows, boolean training) {
        Codebook codebook = codebook(k);
        if (training) {
            codebook.initialiseIfNeeded(ps, detachedRows);
        }
        NDArray codes = codebook.encode(ps, detachedRows);
        NDArray codewords = codebook.decode(ps, codes);
        if (training) {
            codebook.update(ps, detachedRows, codes);
        }
        return new Assignment(codes, codewords);
    }

    /** {@code sum + term}, or {@code term} itself for the first term. */
    static NDArray plus(NDArray sum, NDArray term) {
        return sum == null ? term : sum.add(term);
    }

    /** commitmentWeight · the mean of the {@code used} per-stage losses summed in {@code lossSum}. */
    NDArray commitmentLoss(NDArray lossSum, int used) {
        return lossSum.mul(Scalars.of(lossSum, config.commitmentWeight() / used));
    }

    /** {@inheritDoc} */
    @Override
    public final QuantizedLatent quantize(ParameterStore ps, NDArray latent, boolean training) {
        ensureInitialised(ps, latent);
        int used = codebooksForBatch(training);
        QuantizedLatent result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = quantizeInternal(ps, latent, used, training);
            keep(result.quantized());
            keep(result.codes());
            keep(result.commitmentLoss());
        }
        handOver(latent.getManager(), result.quantized(), result.codes(), result.commitmentLoss());
        return result;
    }

    /** {@inheritDoc} */
    @Override
    public final NDArray encode(ParameterStore ps, NDArray latent, int k) {
        ensureInitialised(ps, latent);
        checkK(k);
        long batch = latent.getShape().get(0);
        long time = latent.getShape().get(2);
        NDArray codes;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            codes = keep(stackCodes(encodeInternal(ps, latent.stopGradient(), k), batch, time));
        }
        handOver(latent.getManager(), codes);
        return codes;
    }

    /** {@inheritDoc} */
    @Override
    public final NDArray decode(ParameterStore ps, NDArray codes) {
        checkCodes(codes);
        if (!isInitialized()) {
            throw new IllegalStateException("decode before the quantizer's parameters were initialised or loaded");
        }
        NDArray latent;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            latent = keep(decodeInternal(ps, codes));
        }
        handOver(codes.getManager(), latent);
        return latent;
    }

    /** {@inheritDoc} */
    @Override
    public final NDList streams(ParameterStore ps, NDArray latent, StreamKind kind) {
        ensureInitialised(ps, latent);
        NDList streams;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            streams = streamsInternal(ps, latent, kind);
            streams.forEach(AbstractQuantizer::keep);
        }
        handOver(latent.getManager(), streams.toArray(new NDArray[0]));
        return streams;
    }

    /**
     * {@link #quantize} with the first {@code used} codebooks, inside the caller's scope: only the three
     * arrays of the result are kept.
     *
     * @param latent [B, D, T], checked
     */
    protected abstract QuantizedLatent quantizeInternal(
            ParameterStore ps, NDArray latent, int used, boolean training);

    /**
     * {@link #encode} inside the caller's scope.
     *
     * @param detachedLatent [B, D, T], checked, with no gradient
     * @param k 1..K, checked
     * @return the codes [B·T] (frame rows b-major) of each of the first k codebooks
     */
    protected abstract NDList encodeInternal(ParameterStore ps, NDArray detachedLatent, int k);

    /**
     * {@link #decode} inside the caller's scope.
     *
     * @param codes [B, k, T], checked, of an initialised quantizer
     */
    protected abstract NDArray decodeInternal(ParameterStore ps, NDArray codes);

    /** {@link #streams} inside the caller's scope: only the K arrays of the list are kept. */
    protected abstract NDList streamsInternal(ParameterStore ps, NDArray latent, StreamKind kind);

    /** Codes of codebook {@code s} from codes [B, k, T], as [B·T] in frame-row order (b-major). */
    static NDArray stageCodes(NDArray codes, int s) {
        return codes.get(new NDIndex(":, {}, :", s)).reshape(-1);
    }

    /** [B, C, T] → [B·T, C], one row per frame. */
    static NDArray frames(NDArray x) {
        long c = x.getShape().get(1);
        return x.transpose(0, 2, 1).reshape(-1, c);
    }

    /** [B·T, C] → [B, C, T]. */
    static NDArray unframes(NDArray rows, long batch, long time) {
        return rows.reshape(batch, time, rows.getShape().get(1)).transpose(0, 2, 1);
    }

    /** K' arrays of [B·T] codes → [B, K', T] int64. */
    static NDArray stackCodes(NDList perStage, long batch, long time) {
        NDArray stacked = NDArrays.stack(perStage, 0); // [K', B·T]
        return stacked.reshape(perStage.size(), batch, time).transpose(1, 0, 2).toType(DataType.INT64, false);
    }

    /** Takes results out of the current {@link NDScope} so that closing it leaves them alive. */
    static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    /** After the method's scope has closed: gives results to the caller's manager and outer scope. */
    static void handOver(NDManager manager, NDArray... arrays) {
        for (NDArray a : arrays) {
            a.attach(manager);
            NDScope.register(a);
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        QuantizedLatent q = quantize(ps, inputs.singletonOrThrow(), training);
        return new NDList(q.quantized(), q.codes(), q.commitmentLoss());
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in, new Shape(in.get(0), config.codebooks(), in.get(2)), new Shape()};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long rows = in.get(0) * in.get(2);
        for (Codebook codebook : codebooks) {
            codebook.initialize(manager, dataType, new Shape(rows, codebook.dim()));
        }
    }

    @Override
    public void reseed(long seed) {
        dropoutRandom.setSeed(mix(seed, -1));
        for (int k = 0; k < codebooks().size(); k++) {
            codebooks().get(k).reseed(mix(seed, k));
        }
    }

    /** A well-spread seed for stream {@code index} of {@code seed} (SplitMix64's finaliser). */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
