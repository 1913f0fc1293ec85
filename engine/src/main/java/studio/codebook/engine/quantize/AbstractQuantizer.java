package studio.codebook.engine.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What the residual and product quantizers share: K child {@link Codebook}s (children "01codebook" …,
 * so their parameters are listed as {@code 01codebook_entries}, {@code 01codebook_cluster_sizes},
 * {@code 01codebook_sums}, {@code 01codebook_initialised}, {@code 02codebook_entries} …), the dropout
 * draw, the block plumbing and the memory discipline: every method keeps its temporaries in an
 * {@link NDScope} and hands back only its results, attached to the input's manager.
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
                    .optSeed(codebookSeed(seed, k))
                    .build();
            list.add(addChildBlock("codebook", codebook));
        }
        this.codebooks = Collections.unmodifiableList(list);
    }

    /** A different, reproducible stream per codebook (golden-ratio increments as in SplitMix64). */
    private static long codebookSeed(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
