package studio.codebook.engine.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.device.Scalars;
import studio.codebook.engine.init.SeededBlock;
import studio.codebook.engine.init.SeededBlockBuilder;
import studio.codebook.engine.init.SeededValues;

/**
 * The codes language model (MusicGen's {@code LMModel} structure) as one DJL block.
 *
 * <h2>Computation</h2>
 * Input {@code tokens} int64 [B, K, S] (values in [0, card], card = the special token), text states
 * float32 [B, L, dim] and a text mask float32 [B, L] (1 = token, 0 = padding); with {@link LmConfig#beat()}
 * optionally a fourth, the beat clock float32 [B, S, {@value BeatClock#FEATURES}] ({@link BeatClock}; absent
 * or zero = no tempo). Each codebook's token is embedded by its own table and the K embeddings are summed;
 * MusicGen's sinusoidal position (see {@link SinusoidalPositions}) is added, and the beat clock's
 * projection {@code beat · beat.weight}; then {@code layers} pre-norm blocks
 * <pre>
 *   x += SelfAttn(LN1 x)            causal
 *   x += CrossAttn(LNc x, text)     query from x, keys/values from the text states
 *   x += FFN(LN2 x)                 dim → ffnMultiplier·dim → dim, exact GELU
 * </pre>
 * a final LayerNorm and K linear heads: output logits float32 [B, K, S, card], where position s
 * predicts the tokens of step s + 1.
 *
 * <h2>Text mask and the empty prompt</h2>
 * Padded text positions get −10⁹ added to their attention logits, so their softmax weight is exactly 0
 * whenever at least one text position is valid. When a row has no valid text position at all (the null
 * condition of classifier-free guidance, or an empty prompt), its cross-attention <em>values</em> are
 * multiplied by 0 (the "any valid" flag of the row), so the attention reads an all-zero vector and the
 * branch contributes only its output bias (nothing in the bias-free MusicGen layout), independent of
 * the masked-out content and never NaN. That equals audiocraft's null condition, whose text states are
 * zero vectors attended without a mask. The flag multiplies the values once per forward (once per
 * session in {@link LmSession}), not per step.
 *
 * <h2>Fused weights and parameter names</h2>
 * Parameters are flat on this block with dotted names close to audiocraft's state dict (prefix
 * {@code transformer.} as there):
 * <ul>
 *   <li>{@code emb.weight} [K·(card+1), dim] — the K embedding tables stacked (audiocraft
 *       {@code emb.k.weight} is rows k·(card+1) … (k+1)·(card+1)−1);
 *   <li>per layer N, {@code transformer.layers.N.}: {@code norm1.weight/bias},
 *       {@code self_attn.in_proj_weight} [3·dim, dim] (rows q, k, v — exactly audiocraft's),
 *       {@code self_attn.out_proj.weight}, {@code norm_cross.weight/bias},
 *       {@code cross_attention.q_proj_weight} [dim, dim] and {@code cross_attention.kv_proj_weight}
 *       [2·dim, dim] (audiocraft's cross {@code in_proj_weight} [3·dim, dim] split as rows 0…dim−1 and
 *       dim…3·dim−1), {@code cross_attention.out_proj.weight}, {@code norm2.weight/bias},
 *       {@code linear1.weight}, {@code linear2.weight} (plus {@code *_bias}/{@code .bias} when
 *       {@link LmConfig#bias()});
 *   <li>{@code out_norm.weight/bias};
 *   <li>{@code linears.weight} [K·card, dim] — the K heads stacked (audiocraft {@code linears.k.weight});
 *   <li>{@code beat.weight} [{@value BeatClock#FEATURES}, dim], only with {@link LmConfig#beat()} (not in
 *       MusicGen).
 * </ul>
 * Mapping official weights is then a renaming plus two concatenations and one split.
 *
 * <h2>Initialisation</h2>
 * From the builder's seed (a {@link Random}, reproducible on every machine): MusicGen's "gaussian"
 * init — every weight matrix truncated-normal (±3σ) with σ = 1/√fan_in, layer N's weights divided by
 * √(2(N+1)) (its "current" depthwise init), embeddings σ = 1/√dim, biases 0, norms 1 and 0; the beat
 * projection 0, so a beat clock added to a trained LM changes nothing until it is trained.
 */
public final class TransformerLm extends SeededBlock {

    private static final byte VERSION = 1;
    /** Name of the beat clock's projection. */
    public static final String BEAT_WEIGHT = "beat.weight";
    /**
     * Parameters a weights file may lack (written before they were added; they start at zero): the beat
     * projection, so {@code train lm --beat} can give a trained LM a beat input without changing it.
     */
    public static final java.util.Set<String> ADDED_LATER = java.util.Set.of(BEAT_WEIGHT);
    /** Added to the attention logits of masked positions: exp(−1e9 + …) is exactly 0 in float32. */
    static final float MASKED = -1e9f;

    private final LmConfig config;

    final Parameter embedding;
    final List<LayerParameters> layerParameters;
    final Parameter outNormWeight;
    final Parameter outNormBias;
    final Parameter headWeight;
    final Parameter headBias;
    /** The beat clock's projection [FEATURES, dim], or null without {@link LmConfig#beat()}. */
    final Parameter beatWeight;

    /** Sinusoid table [maxSteps, dim], row-major, computed once. */
    private final float[] sinusoidTable;

    private TransformerLm(Builder builder) {
        super(VERSION, builder.seed());
        this.config = builder.config();
        int d = config.dim();
        int k = config.codebooks();
        embedding = weight("emb.weight", new Shape((long) k * config.vocabulary(), d));
        List<LayerParameters> list = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            list.add(new LayerParameters(i));
        }
        layerParameters = Collections.unmodifiableList(list);
        outNormWeight = gamma("out_norm.weight");
        outNormBias = beta("out_norm.bias");
        headWeight = weight("linears.weight", new Shape((long) k * config.cardinality(), d));
        headBias = config.bias() ? bias("linears.bias", (long) k * config.cardinality()) : null;
        beatWeight = config.beat() ? weight(BEAT_WEIGHT, new Shape(BeatClock.FEATURES, d)) : null;
        sinusoidTable = SinusoidalPositions.table(config.maxSteps(), d);
    }

    /** A builder: {@code setConfig} is required, {@code optSeed} defaults to 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration. */
    public LmConfig config() {
        return config;
    }


    /** Positions [from, from + count) of the sinusoid table, as [count, dim] on the manager. */
    NDArray positions(NDManager manager, int from, int count) {
        if (from < 0 || from + count > config.maxSteps()) {
            throw new IllegalArgumentException("positions " + from + "…" + (from + count - 1)
                    + " exceed the model's context of " + config.maxSteps() + " steps");
        }
        int d = config.dim();
        float[] rows = new float[count * d];
        System.arraycopy(sinusoidTable, from * d, rows, 0, count * d);
        return manager.create(rows, new Shape(count, d));
    }

    /** Token offsets [1, K, 1] int64: codebook q's tokens index rows q·(card+1)… of the stacked table. */
    NDArray tokenOffsets(NDManager manager) {
        long[] offsets = new long[config.codebooks()];
        for (int q = 0; q < offsets.length; q++) {
            offsets[q] = (long) q * config.vocabulary();
        }
        return manager.create(offsets, new Shape(1, offsets.length, 1));
    }

    // ---------------------------------------------------------------- full forward

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0);
        NDArray text = inputs.get(1);
        NDArray textMask = inputs.get(2);
        checkInputs(tokens.getShape(), text.getShape(), textMask.getShape());
        if (inputs.size() > 3) {
            BeatClock.requireInput(config, tokens.getShape(), inputs.get(3).getShape());
        }
        Device device = tokens.getDevice();
        NDManager manager = tokens.getManager();
        long b = tokens.getShape().get(0);
        int s = Math.toIntExact(tokens.getShape().get(2));
        long l = text.getShape().get(1);
        int d = config.dim();
        int h = config.heads();
        int hd = config.headDim();
        float scale = (float) (1.0 / Math.sqrt(hd));
        Shape norm = new Shape(d);
        float eps = (float) config.layerNormEpsilon();

        NDArray ids = tokens.toType(DataType.INT64, false).add(tokenOffsets(manager));
        NDArray x = Embedding.embedding(ids, ps.getValue(embedding, device, training), SparseFormat.DENSE)
                .head()
                .sum(new int[] {1}); // [B, S, d]
        x = x.add(positions(manager, 0, s));
        if (inputs.size() > 3) { // checked above: this LM has the beat input
            x = x.add(inputs.get(3).toType(DataType.FLOAT32, false).matMul(ps.getValue(beatWeight, device, training)));
        }
        NDArray causal = causalMask(manager, s, 0);
        NDArray textBias = null;
        NDArray anyText = null;
        if (config.crossAttention()) {
            NDArray mask = textMask.toType(DataType.FLOAT32, false);
            textBias = mask.sub(1f).mul(-MASKED).reshape(b, 1, 1, l);
            anyText = mask.max(new int[] {1}).reshape(b, 1, 1, 1);
        }
        for (LayerParameters p : layerParameters) {
            NDArray y = LayerNorm.layerNorm(x, norm, value(ps, p.norm1Weight, device, training),
                    value(ps, p.norm1Bias, device, training), eps).head();
            NDArray qkv = linear(y, ps, p.inProjWeight, p.inProjBias, device, training) // [B, S, 3d]
                    .reshape(b, s, 3, h, hd)
                    .transpose(2, 0, 3, 1, 4); // [3, B, H, S, hd]
            NDArray q = qkv.get(0).mul(Scalars.of(qkv, scale));
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).add(causal).softmax(-1).matMul(v);
            att = att.transpose(0, 2, 1, 3).reshape(b, s, d);
            x = x.add(linear(att, ps, p.outProjWeight, p.outProjBias, device, training));

            if (config.crossAttention()) {
                y = LayerNorm.layerNorm(x, norm, value(ps, p.normCrossWeight, device, training),
                        value(ps, p.normCrossBias, device, training), eps).head();
                NDArray cq = linear(y, ps, p.crossQWeight, p.crossQBias, device, training)
                        .reshape(b, s, h, hd)
                        .transpose(0, 2, 1, 3)
                        .mul(Scalars.of(x, scale)); // [B, H, S, hd]
                NDArray kv = linear(text, ps, p.crossKvWeight, p.crossKvBias, device, training)
                        .reshape(b, l, 2, h, hd)
                        .transpose(2, 0, 3, 1, 4); // [2, B, H, L, hd]
                NDArray ck = kv.get(0);
                NDArray cv = kv.get(1).mul(anyText);
                NDArray catt = cq.matMul(ck.transpose(0, 1, 3, 2)).add(textBias).softmax(-1).matMul(cv);
                catt = catt.transpose(0, 2, 1, 3).reshape(b, s, d);
                x = x.add(linear(catt, ps, p.crossOutWeight, p.crossOutBias, device, training));
            }

            y = LayerNorm.layerNorm(x, norm, value(ps, p.norm2Weight, device, training),
                    value(ps, p.norm2Bias, device, training), eps).head();
            y = Activation.gelu(linear(y, ps, p.linear1Weight, p.linear1Bias, device, training));
            x = x.add(linear(y, ps, p.linear2Weight, p.linear2Bias, device, training));
        }
        x = LayerNorm.layerNorm(x, norm, value(ps, outNormWeight, device, training),
                value(ps, outNormBias, device, training), eps).head();
        NDArray logits = linear(x, ps, headWeight, headBias, device, training)
                .reshape(b, s, config.codebooks(), config.cardinality())
                .transpose(0, 2, 1, 3);
        return new NDList(logits);
    }

    /** [P, offset + P]: 0 where key j ≤ offset + query i, {@link #MASKED} above that (future positions). */
    static NDArray causalMask(NDManager manager, int queries, int offset) {
        int keys = offset + queries;
        float[] mask = new float[queries * keys];
        for (int i = 0; i < queries; i++) {
            for (int j = offset + i + 1; j < keys; j++) {
                mask[i * keys + j] = MASKED;
            }
        }
        return manager.create(mask, new Shape(queries, keys));
    }

    private static NDArray value(ParameterStore ps, Parameter p, Device device, boolean training) {
        return ps.getValue(p, device, training);
    }

    private static NDArray linear(NDArray x, ParameterStore ps, Parameter w, Parameter b, Device device,
            boolean training) {
        NDArray weight = ps.getValue(w, device, training);
        if (b == null) {
            return Linear.linear(x, weight).head();
        }
        return Linear.linear(x, weight, ps.getValue(b, device, training)).head();
    }

    private void checkInputs(Shape tokens, Shape text, Shape mask) {
        if (tokens.dimension() != 3 || tokens.get(1) != config.codebooks()) {
            throw new IllegalArgumentException("LM tokens must be [B, " + config.codebooks() + ", S], got " + tokens);
        }
        if (tokens.get(2) > config.maxSteps()) {
            throw new IllegalArgumentException("LM input of " + tokens.get(2) + " steps exceeds the context of "
                    + config.maxSteps() + " steps");
        }
        if (text.dimension() != 3 || text.get(2) != config.dim() || text.get(0) != tokens.get(0)) {
            throw new IllegalArgumentException("LM text states must be [" + tokens.get(0) + ", L, " + config.dim()
                    + "], got " + text);
        }
        if (mask.dimension() != 2 || mask.get(0) != text.get(0) || mask.get(1) != text.get(1)) {
            throw new IllegalArgumentException("LM text mask must be [" + text.get(0) + ", " + text.get(1)
                    + "], got " + mask);
        }
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        if (inputShapes.length != 3 && inputShapes.length != 4) {
            throw new IllegalArgumentException("LM expects 3 or 4 inputs (tokens, text, text mask[, beat clock]), got "
                    + inputShapes.length);
        }
        checkInputs(inputShapes[0], inputShapes[1], inputShapes[2]);
        if (inputShapes.length == 4) {
            BeatClock.requireInput(config, inputShapes[0], inputShapes[3]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape t = inputShapes[0];
        return new Shape[] {new Shape(t.get(0), config.codebooks(), t.get(2), config.cardinality())};
    }

    // ---------------------------------------------------------------- generation

    /**
     * Starts a KV-cached generation session over the given text condition.
     *
     * @param ps the parameter store (read once; the session keeps the weights it needs)
     * @param text float32 [B, L, dim]; not kept (its cross-attention keys and values are computed now)
     * @param textMask float32 [B, L], 1 = token, 0 = padding
     * @param capacity most positions the session will hold (1 … maxSteps)
     * @return a session owning its memory in a sub-manager of {@code text}'s manager; close it
     */
    public LmSession startSession(ParameterStore ps, NDArray text, NDArray textMask, int capacity) {
        return new LmSession(this, ps, text, textMask, capacity, null);
    }

    /**
     * A session with the beat clock as an input ({@link LmConfig#beat()} models only).
     *
     * @param beat the clock's features of positions 0 … capacity−1, [capacity × {@value BeatClock#FEATURES}]
     *     ({@link BeatClock#features}), the same for every row; null = no beat input
     */
    public LmSession startSession(ParameterStore ps, NDArray text, NDArray textMask, int capacity, float[] beat) {
        return new LmSession(this, ps, text, textMask, capacity, beat);
    }

    // ---------------------------------------------------------------- initialisation

    /** Overwrites every parameter with values drawn from {@code random} (see the class comment). */
    @Override
    public void resetParameters(Random random) {
        int d = config.dim();
        gaussian(random, embedding, 1.0 / Math.sqrt(d));
        for (LayerParameters p : layerParameters) {
            double depth = Math.sqrt(2.0 * (p.index + 1));
            fill(p.norm1Weight, 1f);
            fill(p.norm1Bias, 0f);
            gaussian(random, p.inProjWeight, 1.0 / Math.sqrt(d) / depth);
            gaussian(random, p.outProjWeight, 1.0 / Math.sqrt(d) / depth);
            if (config.crossAttention()) {
                fill(p.normCrossWeight, 1f);
                fill(p.normCrossBias, 0f);
                gaussian(random, p.crossQWeight, 1.0 / Math.sqrt(d) / depth);
                gaussian(random, p.crossKvWeight, 1.0 / Math.sqrt(d) / depth);
                gaussian(random, p.crossOutWeight, 1.0 / Math.sqrt(d) / depth);
            }
            fill(p.norm2Weight, 1f);
            fill(p.norm2Bias, 0f);
            gaussian(random, p.linear1Weight, 1.0 / Math.sqrt(d) / depth);
            gaussian(random, p.linear2Weight, 1.0 / Math.sqrt(config.ffnDim()) / depth);
            for (Parameter bias : p.biases()) {
                fill(bias, 0f);
            }
        }
        fill(outNormWeight, 1f);
        fill(outNormBias, 0f);
        gaussian(random, headWeight, 1.0 / Math.sqrt(d));
        if (headBias != null) {
            fill(headBias, 0f);
        }
        if (beatWeight != null) {
            fill(beatWeight, 0f);
        }
    }

    private static void gaussian(Random random, Parameter p, double std) {
        p.getArray().set(SeededValues.truncatedNormal(random, p.getArray().size(), std));
    }

    private static void fill(Parameter p, float value) {
        p.getArray().set(SeededValues.constant(p.getArray().size(), value));
    }

    private Parameter weight(String name, Shape shape) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .build());
    }

    private Parameter bias(String name, long size) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(size))
                .build());
    }

    private Parameter gamma(String name) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(config.dim()))
                .optInitializer(Initializer.ONES)
                .build());
    }

    private Parameter beta(String name) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(config.dim()))
                .optInitializer(Initializer.ZEROS)
                .build());
    }

    @Override
    public String toString() {
        return "TransformerLm(" + config + ")";
    }

    /** The parameters of one layer, named {@code transformer.layers.N.…}. */
    final class LayerParameters {
        final int index;
        final Parameter norm1Weight;
        final Parameter norm1Bias;
        final Parameter inProjWeight;
        final Parameter inProjBias;
        final Parameter outProjWeight;
        final Parameter outProjBias;
        final Parameter normCrossWeight;
        final Parameter normCrossBias;
        final Parameter crossQWeight;
        final Parameter crossQBias;
        final Parameter crossKvWeight;
        final Parameter crossKvBias;
        final Parameter crossOutWeight;
        final Parameter crossOutBias;
        final Parameter norm2Weight;
        final Parameter norm2Bias;
        final Parameter linear1Weight;
        final Parameter linear1Bias;
        final Parameter linear2Weight;
        final Parameter linear2Bias;

        LayerParameters(int index) {
            this.index = index;
            String n = "transformer.layers." + index + ".";
            long d = config.dim();
            long f = config.ffnDim();
            boolean b = config.bias();
            norm1Weight = gamma(n + "norm1.weight");
            norm1Bias = beta(n + "norm1.bias");
            inProjWeight = weight(n + "self_attn.in_proj_weight", new Shape(3 * d, d));
            inProjBias = b ? bias(n + "self_attn.in_proj_bias", 3 * d) : null;
            outProjWeight = weight(n + "self_attn.out_proj.weight", new Shape(d, d));
            outProjBias = b ? bias(n + "self_attn.out_proj.bias", d) : null;
            boolean cross = config.crossAttention();
            normCrossWeight = cross ? gamma(n + "norm_cross.weight") : null;
            normCrossBias = cross ? beta(n + "norm_cross.bias") : null;
            crossQWeight = cross ? weight(n + "cross_attention.q_proj_weight", new Shape(d, d)) : null;
            crossQBias = cross && b ? bias(n + "cross_attention.q_proj_bias", d) : null;
            crossKvWeight = cross ? weight(n + "cross_attention.kv_proj_weight", new Shape(2 * d, d)) : null;
            crossKvBias = cross && b ? bias(n + "cross_attention.kv_proj_bias", 2 * d) : null;
            crossOutWeight = cross ? weight(n + "cross_attention.out_proj.weight", new Shape(d, d)) : null;
            crossOutBias = cross && b ? bias(n + "cross_attention.out_proj.bias", d) : null;
            norm2Weight = gamma(n + "norm2.weight");
            norm2Bias = beta(n + "norm2.bias");
            linear1Weight = weight(n + "linear1.weight", new Shape(f, d));
            linear1Bias = b ? bias(n + "linear1.bias", f) : null;
            linear2Weight = weight(n + "linear2.weight", new Shape(d, f));
            linear2Bias = b ? bias(n + "linear2.bias", d) : null;
        }

        List<Parameter> biases() {
            List<Parameter> list = new ArrayList<>();
            for (Parameter p : new Parameter[] {inProjBias, outProjBias, crossQBias, crossKvBias, crossOutBias,
                    linear1Bias, linear2Bias}) {
                if (p != null) {
                    list.add(p);
                }
            }
            return list;
        }
    }

    /** Builder: {@code setConfig} is required. */
    public static final class Builder extends SeededBlockBuilder<LmConfig, Builder> {

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public TransformerLm build() {
            requireConfig("TransformerLm needs a config (setConfig)");
            return new TransformerLm(this);
        }
    }
}
