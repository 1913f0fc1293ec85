package studio.codebook.engine.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A KV-cached generation session of a {@link TransformerLm}: feeds positions one step (or a prefix)
 * at a time and returns the logits of the last one, without recomputing the past.
 *
 * <h2>What is computed once</h2>
 * At start, in the session's own sub-manager: every layer's cross-attention keys, already transposed,
 * [B, H, hd, L] and values [B, H, L, hd] (values zeroed for rows with no valid text), the text mask as
 * an additive bias [B, 1, 1, L], the fused QKV and the cross-attention query weights with 1/√hd folded
 * into the query rows, the sinusoid rows [capacity, dim] and the token offsets into the stacked
 * embedding table. The fused QKV rows are reordered head-major once, so a step's projection reshapes
 * straight to [B, H, 3, hd]. Each layer's self-attention cache is one preallocated array
 * [B, H, 2, capacity, hd] (keys, values) written in place with one slice assignment; reading positions
 * 0…n−1 is a view whose batch axes (B, H) stay collapsible, so the attention matmuls never copy the cache.
 *
 * <h2>Per step</h2>
 * Native ops per layer for a one-position step: self-attention 15 (LayerNorm, fused QKV projection, a
 * reshape, the K/V slice and its in-place cache write, the q slice, 2 cache views and a transposed view,
 * 2 matmuls, softmax, a reshape, output projection, in-place residual add),
 * cross-attention 10 (LayerNorm, query projection, reshape, 2 matmuls, in-place mask add, softmax,
 * reshape, output projection, in-place add), feed-forward 5; plus 5 for embedding and position and 3
 * for the final norm and heads: 30 · layers + 8 (188 for 6 layers; 157 of them create an array), plus
 * one in-place add per bias when configured. No value is read back to Java and no weight is copied.
 * Every temporary lives in a per-call sub-manager closed before returning; only the logits move to the
 * caller's {@code scope}.
 *
 * <h2>Where the time goes</h2>
 * At the default size (B = 2) a step streams all ≈ 26 MB of fp32 weights plus the K/V cache through
 * the CPU once: with the weights out of the per-core cache that is a memory-bandwidth floor (≈ 1.4 ms
 * at ≈ 19 GB/s on one core of the development machine), far above the compute floor. Measured
 * per-section: the projections and heads ≈ 55 %, self-attention over the cache ≈ 20 %, small ops
 * (reshapes, slices, norms) and freeing the step's arrays the rest. Direct {@code JniUtils} calls for
 * matmul and softmax (skipping the public API's shape and type reads) made no measurable difference,
 * so the public API is used throughout.
 *
 * <p>Not thread-safe. Autograd is not used here (the weights it derives are copies or views without a graph).
 */
public final class LmSession implements AutoCloseable {

    private final TransformerLm model;
    private final LmConfig config;
    private final NDManager manager;
    private final int capacity;
    private final long batch;
    private final long textLength;
    private int length;
    private boolean closed;
    /** For the benchmark: count the arrays each call creates (a read of the manager, off by default). */
    boolean countArrays;
    int lastCallArrays;

    private final Shape normShape;
    private final float eps;
    private final NDArray embedding;
    private final NDArray offsets;
    private final NDArray positions;
    private final NDArray maskBias;
    private final NDArray outNormWeight;
    private final NDArray outNormBias;
    private final NDArray headWeight;
    private final NDArray headBias;
    private final List<Layer> layers = new ArrayList<>();

    /** One layer's derived weights and cache. */
    private static final class Layer {
        NDArray norm1Weight;
        NDArray norm1Bias;
        NDArray qkvWeight; // [3d, d], rows head-major (h, q/k/v, e), q rows scaled by 1/√hd
        NDArray qkvBias; // [3d] in the same order, or null
        NDArray outWeight;
        NDArray outBias;
        NDArray cache; // [B, H, 2, capacity, hd]: keys, values
        NDArray normCrossWeight;
        NDArray normCrossBias;
        NDArray crossQWeight; // scaled
        NDArray crossQBias; // scaled or null
        NDArray crossKeysT; // [B, H, hd, L]
        NDArray crossValues; // [B, H, L, hd]
        NDArray crossOutWeight;
        NDArray crossOutBias;
        NDArray norm2Weight;
        NDArray norm2Bias;
        NDArray linear1Weight;
        NDArray linear1Bias;
        NDArray linear2Weight;
        NDArray linear2Bias;
    }

    LmSession(TransformerLm model, ParameterStore ps, NDArray text, NDArray textMask, int capacity, float[] beat) {
        this.model = model;
        this.config = model.config();
        if (capacity < 1 || capacity > config.maxSteps()) {
            throw new IllegalArgumentException("session capacity must be 1.." + config.maxSteps() + ", not " + capacity);
        }
        Shape ts = text.getShape();
        if (ts.dimension() != 3 || ts.get(2) != config.dim()) {
            throw new IllegalArgumentException("LM text states must be [B, L, " + config.dim() + "], got " + ts);
        }
        Shape ms = textMask.getShape();
        if (ms.dimension() != 2 || ms.get(0) != ts.get(0) || ms.get(1) != ts.get(1)) {
            throw new IllegalArgumentException("LM text mask must be [" + ts.get(0) + ", " + ts.get(1) + "], got " + ms);
        }
        if (beat != null) {
            // one clock for every row: [capacity × FEATURES] numbers (a length that does not divide gets step −1)
            long clockSteps = beat.length % BeatClock.FEATURES == 0 ? beat.length / BeatClock.FEATURES : -1;
            BeatClock.requireInput(config, new Shape(ts.get(0), config.codebooks(), capacity),
                    new Shape(ts.get(0), clockSteps, BeatClock.FEATURES));
        }
        this.capacity = capacity;
        this.batch = ts.get(0);
        this.textLength = ts.get(1);
        this.normShape = new Shape(config.dim());
        this.eps = (float) config.layerNormEpsilon();
        Device device = text.getDevice();
        this.manager = text.getManager().newSubManager(device);
        boolean ok = false;
        try {
            int d = config.dim();
            int h = config.heads();
            int hd = config.headDim();
            float scale = (float) (1.0 / Math.sqrt(hd));
            embedding = ps.getValue(model.embedding, device, false);
            offsets = model.tokenOffsets(manager);
            // the beat clock's projection is added to the position rows once, so a step costs nothing more
            positions = beat == null ? model.positions(manager, 0, capacity) : beatPositions(model, ps, device, beat);
            outNormWeight = ps.getValue(model.outNormWeight, device, false);
            outNormBias = ps.getValue(model.outNormBias, device, false);
            headWeight = ps.getValue(model.headWeight, device, false);
            headBias = model.headBias == null ? null : ps.getValue(model.headBias, device, false);
            try (NDManager setup = manager.newSubManager()) {
                NDArray t = text.toType(DataType.FLOAT32, true);
                t.attach(setup);
                NDArray mask = textMask.toType(DataType.FLOAT32, true);
                mask.attach(setup);
                maskBias = keep(mask.sub(1f).mul(-TransformerLm.MASKED).reshape(batch, 1, 1, textLength));
                NDArray anyText = mask.max(new int[] {1}).reshape(batch, 1, 1, 1);
                NDArray tRows = t.reshape(batch, 1, textLength, d); // [B, 1, L, d]
                NDArray tCols = t.transpose(0, 2, 1).reshape(batch, 1, d, textLength); // [B, 1, d, L]
                float[] scales = new float[3 * d];
                java.util.Arrays.fill(scales, 1f);
                java.util.Arrays.fill(scales, 0, d, scale);
                NDArray qkvScale = setup.create(scales, new Shape(3L * d, 1)); // 1/√hd on the q rows
                NDArray scalar = setup.create(scale);
                for (TransformerLm.LayerParameters p : model.layerParameters) {
                    Layer layer = new Layer();
                    layer.norm1Weight = ps.getValue(p.norm1Weight, device, false);
                    layer.norm1Bias = ps.getValue(p.norm1Bias, device, false);
                    // every op below starts from an array on `setup`, so nothing lands on the model's manager
                    // rows reordered head-major (h, q/k/v, e): the projection then reshapes to [B, H, 3, hd]
                    NDArray qkvW = qkvScale.mul(ps.getValue(p.inProjWeight, device, false)); // [3d, d]
                    layer.qkvWeight = keep(qkvW.reshape(3, h, hd, d).transpose(1, 0, 2, 3).reshape(3L * d, d));
                    if (p.inProjBias != null) {
                        layer.qkvBias = keep(qkvScale.reshape(3L * d).mul(ps.getValue(p.inProjBias, device, false))
                                .reshape(3, h, hd).transpose(1, 0, 2).reshape(3L * d));
                    }
                    layer.outWeight = ps.getValue(p.outProjWeight, device, false);
                    layer.outBias = value(ps, p.outProjBias, device);
                    layer.cache = manager.zeros(new Shape(batch, h, 2, capacity, hd), DataType.FLOAT32, device);
                    if (config.crossAttention()) {
                        layer.normCrossWeight = ps.getValue(p.normCrossWeight, device, false);
                        layer.normCrossBias = ps.getValue(p.normCrossBias, device, false);
                        layer.crossQWeight = keep(scalar.mul(ps.getValue(p.crossQWeight, device, false)));
                        if (p.crossQBias != null) {
                            layer.crossQBias = keep(scalar.mul(ps.getValue(p.crossQBias, device, false)));
                        }
                        NDArray kv = ps.getValue(p.crossKvWeight, device, false);
                        NDArray wk = kv.get(setup, new NDIndex().addSliceDim(0, d)).reshape(1, h, hd, d);
                        NDArray wv = kv.get(setup, new NDIndex().addSliceDim(d, 2L * d)).reshape(1, h, hd, d);
                        // keysᵀ[b, h] = Wk_h · text_bᵀ and values[b, h] = text_b · Wv_hᵀ: both contiguous
                        NDArray keysT = wk.matMul(tCols); // [B, H, hd, L]
                        NDArray values = tRows.matMul(wv.transpose(0, 1, 3, 2)); // [B, H, L, hd]
                        if (p.crossKvBias != null) {
                            NDArray kvb = ps.getValue(p.crossKvBias, device, false);
                            keysT = keysT.add(kvb.get(setup, new NDIndex().addSliceDim(0, d)).reshape(1, h, hd, 1));
                            values = values.add(kvb.get(setup, new NDIndex().addSliceDim(d, 2L * d)).reshape(1, h, 1, hd));
                        }
                        layer.crossKeysT = keep(keysT);
                        layer.crossValues = keep(values.mul(anyText));
                        layer.crossOutWeight = ps.getValue(p.crossOutWeight, device, false);
                        layer.crossOutBias = value(ps, p.crossOutBias, device);
                    }
                    layer.norm2Weight = ps.getValue(p.norm2Weight, device, false);
                    layer.norm2Bias = ps.getValue(p.norm2Bias, device, false);
                    layer.linear1Weight = ps.getValue(p.linear1Weight, device, false);
                    layer.linear1Bias = value(ps, p.linear1Bias, device);
                    layer.linear2Weight = ps.getValue(p.linear2Weight, device, false);
                    layer.linear2Bias = value(ps, p.linear2Bias, device);
                    layers.add(layer);
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                manager.close();
            }
        }
    }

    /** The position rows plus the beat clock's projection, [capacity, dim] on the session's manager. */
    private NDArray beatPositions(TransformerLm model, ParameterStore ps, Device device, float[] beat) {
        try (NDManager setup = manager.newSubManager()) {
            NDArray rows = model.positions(setup, 0, capacity);
            NDArray clock = setup.create(beat, new Shape(capacity, BeatClock.FEATURES));
            return keep(rows.add(clock.matMul(ps.getValue(model.beatWeight, device, false))));
        }
    }

    /** Moves an array made during setup into the session's manager, so it outlives the setup scope. */
    private NDArray keep(NDArray array) {
        array.attach(manager);
        return array;
    }

    private static NDArray value(ParameterStore ps, Parameter p, Device device) {
        return p == null ? null : ps.getValue(p, device, false);
    }

    /** Positions cached so far. */
    public int length() {
        return length;
    }

    /** Most positions this session can hold. */
    public int capacity() {
        return capacity;
    }

    /** Rows of the batch (e.g. 2 with classifier-free guidance). */
    public long batchSize() {
        return batch;
    }

    /**
     * Feeds one position and returns the logits predicting the next.
     *
     * @param scope where the logits are placed (the caller closes it)
     * @param tokens int64 [B, K, 1], values in [0, card]
     * @return float32 [B, K, card] on {@code scope}
     * @throws IllegalStateException when the session is full or closed
     */
    public NDArray step(NDManager scope, NDArray tokens) {
        return run(scope, tokens, 1);
    }

    /**
     * Feeds P positions at once (a prompt for continuation or a sliding window), filling the cache.
     *
     * @param scope where the logits are placed
     * @param tokens int64 [B, K, P]
     * @return float32 [B, K, card]: the logits of the last position, on {@code scope}
     * @throws IllegalStateException when the positions do not fit or the session is closed
     */
    public NDArray prefill(NDManager scope, NDArray tokens) {
        return run(scope, tokens, Math.toIntExact(tokens.getShape().get(2)));
    }

    private NDArray run(NDManager scope, NDArray tokens, int count) {
        if (closed) {
            throw new IllegalStateException("LM session is closed");
        }
        Shape shape = tokens.getShape();
        if (shape.dimension() != 3 || shape.get(0) != batch || shape.get(1) != config.codebooks()
                || shape.get(2) != count || count < 1) {
            throw new IllegalArgumentException("LM session tokens must be [" + batch + ", " + config.codebooks()
                    + ", " + (count < 1 ? "P ≥ 1" : count) + "], got " + shape);
        }
        if (length + count > capacity) {
            throw new IllegalStateException("LM session is full: " + length + " of " + capacity
                    + " positions used, cannot add " + count + " more (start a session with a larger capacity)");
        }
        NDArray logits;
        try (NDManager tmp = scope.newSubManager()) {
            tmp.tempAttachAll(tokens);
            logits = forward(tmp, tokens, count);
            if (countArrays) {
                lastCallArrays = tmp.getManagedArrays().size() - 1; // minus the caller's tokens, attached for the call
            }
            logits.attach(scope);
        }
        length += count;
        return logits;
    }

    /** All results land on tmp: every op's first input lives there, and views of session arrays are made on it. */
    private NDArray forward(NDManager tmp, NDArray tokens, int p) {
        int d = config.dim();
        int h = config.heads();
        int hd = config.headDim();
        int n = length + p; // positions attended after this call
        boolean single = p == 1;

        NDArray ids = tokens.getDataType() == DataType.INT64 ? tokens.add(offsets)
                : tokens.toType(DataType.INT64, false).add(offsets);
        NDArray x = Embedding.embedding(ids, embedding, SparseFormat.DENSE).head().sum(new int[] {1}); // [B, P, d]
        x.addi(positions.get(tmp, new NDIndex().addSliceDim(length, n)));
        NDArray causal = single ? null : TransformerLm.causalMask(tmp, p, length);

        NDIndex write = new NDIndex().addAllDim(3).addSliceDim(length, n);
        NDIndex keys = new NDIndex().addAllDim(2).addIndices(0).addSliceDim(0, n);
        NDIndex values = new NDIndex().addAllDim(2).addIndices(1).addSliceDim(0, n);
        NDIndex qSlice = new NDIndex().addAllDim(2).addIndices(0);
        NDIndex kvSlice = new NDIndex().addAllDim(2).addSliceDim(1, 3);

        for (Layer layer : layers) {
            // self-attention
            NDArray y = LayerNorm.layerNorm(x, normShape, layer.norm1Weight, layer.norm1Bias, eps).head();
            NDArray qkv = linear(y, layer.qkvWeight, layer.qkvBias); // [B, P, 3d], head-major
            qkv = single ? qkv.reshape(batch, h, 3, 1, hd)
                    : qkv.reshape(batch, p, h, 3, hd).transpose(0, 2, 3, 1, 4); // [B, H, 3, P, hd]
            layer.cache.set(write, qkv.get(tmp, kvSlice));
            NDArray q = qkv.get(tmp, qSlice); // [B, H, P, hd]
            NDArray k = layer.cache.get(tmp, keys); // [B, H, n, hd]
            NDArray v = layer.cache.get(tmp, values);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)); // [B, H, P, n]
            if (causal != null) {
                scores.addi(causal);
            }
            NDArray att = scores.softmax(-1).matMul(v); // [B, H, P, hd]
            att = single ? att.reshape(batch, 1, d) : att.transpose(0, 2, 1, 3).reshape(batch, p, d);
            x.addi(linear(att, layer.outWeight, layer.outBias));

            if (layer.crossKeysT != null) {
                y = LayerNorm.layerNorm(x, normShape, layer.normCrossWeight, layer.normCrossBias, eps).head();
                NDArray cq = linear(y, layer.crossQWeight, layer.crossQBias);
                cq = single ? cq.reshape(batch, h, 1, hd) : cq.reshape(batch, p, h, hd).transpose(0, 2, 1, 3);
                NDArray cs = cq.matMul(layer.crossKeysT); // [B, H, P, L]
                cs.addi(maskBias);
                NDArray catt = cs.softmax(-1).matMul(layer.crossValues); // [B, H, P, hd]
                catt = single ? catt.reshape(batch, 1, d) : catt.transpose(0, 2, 1, 3).reshape(batch, p, d);
                x.addi(linear(catt, layer.crossOutWeight, layer.crossOutBias));
            }

            y = LayerNorm.layerNorm(x, normShape, layer.norm2Weight, layer.norm2Bias, eps).head();
            y = Activation.gelu(linear(y, layer.linear1Weight, layer.linear1Bias));
            x.addi(linear(y, layer.linear2Weight, layer.linear2Bias));
        }
        if (!single) {
            x = x.get(tmp, new NDIndex().addAllDim().addSliceDim(p - 1, p));
        }
        x = LayerNorm.layerNorm(x, normShape, outNormWeight, outNormBias, eps).head();
        return linear(x, headWeight, headBias).reshape(batch, config.codebooks(), config.cardinality());
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return bias == null ? Linear.linear(x, weight).head() : Linear.linear(x, weight, bias).head();
    }

    /** Frees the caches and every array the session made. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** The model this session runs. */
    public TransformerLm model() {
        return model;
    }
}
