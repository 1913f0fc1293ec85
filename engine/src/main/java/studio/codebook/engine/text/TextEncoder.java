package studio.codebook.engine.text;

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
import java.util.List;
import java.util.Random;
import studio.codebook.engine.device.Scalars;
import studio.codebook.engine.init.SeededBlock;
import studio.codebook.engine.init.SeededBlockBuilder;
import studio.codebook.engine.init.SeededValues;
import studio.codebook.engine.lm.SinusoidalPositions;

/**
 * A small bidirectional transformer over caption tokens: our stand-in for MusicGen's frozen T5,
 * trained jointly with the LM.
 *
 * <p>Token embedding [vocabSize, dim] plus sinusoidal positions → {@code layers} pre-norm blocks
 * ({@code x += SelfAttn(LN x)} with the padding mask on the keys, {@code x += FFN(LN x)} with exact
 * GELU, no biases, as in T5 and our LM) → final LayerNorm → Linear(dim → outputDim) with bias (the
 * projection MusicGen puts after T5). States at padded positions are zeroed, as audiocraft does, so
 * an LM that cross-attends without a mask sees zero vectors there; real positions never attend to
 * padded ones, so the ids in padded slots do not matter.
 *
 * <p>Forward: {@code NDList(ids int64 [B, L], mask float32 [B, L] of 1/0)} → {@code NDList(states
 * float32 [B, L, outputDim])}. The mask may be omitted (all tokens real).
 *
 * <h2>Parameters</h2>
 * All parameters belong to this block under fixed names (the safetensors keys):
 * {@code token_embedding} [V, d]; for each layer i: {@code layers.i.attention_norm.gamma|beta} [d],
 * {@code layers.i.attention.qkv} [3d, d] (rows q, k, v; heads contiguous within each),
 * {@code layers.i.attention.out} [d, d], {@code layers.i.ffn_norm.gamma|beta} [d],
 * {@code layers.i.ffn.in} [m·d, d], {@code layers.i.ffn.out} [d, m·d]; {@code final_norm.gamma|beta}
 * [d]; {@code output.weight} [outputDim, d] and {@code output.bias} [outputDim]. Linear weights are
 * [out, in] as in PyTorch.
 */
public final class TextEncoder extends SeededBlock {

    private static final byte VERSION = 1;
    private static final float LN_EPS = 1e-5f;
    /** Added to attention scores of padded keys: finite, so a row with no real key stays NaN-free. */
    private static final float MASKED = -1e9f;

    private final TextConfig config;
    private final Parameter tokenEmbedding;
    private final List<Layer> blocks = new ArrayList<>();
    private final Parameter finalGamma;
    private final Parameter finalBeta;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private record Layer(Parameter attnGamma, Parameter attnBeta, Parameter qkv, Parameter out,
            Parameter ffnGamma, Parameter ffnBeta, Parameter ffnIn, Parameter ffnOut) {}

    private TextEncoder(TextConfig config, long seed) {
        super(VERSION, seed);
        this.config = config;
        int d = config.dim();
        int hidden = config.ffnMultiplier() * d;
        tokenEmbedding = param("token_embedding", Parameter.Type.WEIGHT, new Shape(config.vocabSize(), d));
        for (int i = 0; i < config.layers(); i++) {
            String p = "layers." + i + ".";
            blocks.add(new Layer(
                    param(p + "attention_norm.gamma", Parameter.Type.GAMMA, new Shape(d)),
                    param(p + "attention_norm.beta", Parameter.Type.BETA, new Shape(d)),
                    param(p + "attention.qkv", Parameter.Type.WEIGHT, new Shape(3L * d, d)),
                    param(p + "attention.out", Parameter.Type.WEIGHT, new Shape(d, d)),
                    param(p + "ffn_norm.gamma", Parameter.Type.GAMMA, new Shape(d)),
                    param(p + "ffn_norm.beta", Parameter.Type.BETA, new Shape(d)),
                    param(p + "ffn.in", Parameter.Type.WEIGHT, new Shape(hidden, d)),
                    param(p + "ffn.out", Parameter.Type.WEIGHT, new Shape(d, hidden))));
        }
        finalGamma = param("final_norm.gamma", Parameter.Type.GAMMA, new Shape(d));
        finalBeta = param("final_norm.beta", Parameter.Type.BETA, new Shape(d));
        outputWeight = param("output.weight", Parameter.Type.WEIGHT, new Shape(config.outputDim(), d));
        outputBias = param("output.bias", Parameter.Type.BIAS, new Shape(config.outputDim()));
    }

    private Parameter param(String name, Parameter.Type type, Shape shape) {
        // zeros first; the seeded draw in initialize() replaces them
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape)
                .optInitializer(Initializer.ZEROS).build());
    }

    /** A builder; {@code setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("text ids must be [batch, length], got " + ids.getShape());
        }
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        NDManager manager = ids.getManager();
        NDArray mask = inputs.size() > 1 ? inputs.get(1).toType(DataType.FLOAT32, false) : manager.ones(ids.getShape());
        int d = config.dim();
        int h = config.heads();
        int hd = config.headDim();
        ai.djl.Device device = ids.getDevice();

        NDArray table = ps.getValue(tokenEmbedding, device, training);
        NDArray x = Embedding.embedding(ids.toType(DataType.INT64, false), table, SparseFormat.DENSE).head();
        x = x.add(manager.create(SinusoidalPositions.table((int) length, d), new Shape(1, length, d)).toDevice(device, false));

        // keys that are padding get a large negative score: [B, 1, 1, L]
        NDArray keyBias = mask.sub(1f).mul(-MASKED).reshape(batch, 1, 1, length);
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (Layer layer : blocks) {
            NDArray a = layerNorm(x, ps.getValue(layer.attnGamma(), device, training),
                    ps.getValue(layer.attnBeta(), device, training));
            NDArray qkv = Linear.linear(a, ps.getValue(layer.qkv(), device, training)).head()
                    .reshape(batch, length, 3, h, hd).transpose(2, 0, 3, 1, 4); // [3, B, H, L, hd]
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(Scalars.of(q, scale)).add(keyBias);
            NDArray attended = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, d);
            x = x.add(Linear.linear(attended, ps.getValue(layer.out(), device, training)).head());

            NDArray f = layerNorm(x, ps.getValue(layer.ffnGamma(), device, training),
                    ps.getValue(layer.ffnBeta(), device, training));
            f = Activation.gelu(Linear.linear(f, ps.getValue(layer.ffnIn(), device, training)).head());
            x = x.add(Linear.linear(f, ps.getValue(layer.ffnOut(), device, training)).head());
        }
        x = layerNorm(x, ps.getValue(finalGamma, device, training), ps.getValue(finalBeta, device, training));
        NDArray states = Linear.linear(x, ps.getValue(outputWeight, device, training),
                ps.getValue(outputBias, device, training)).head();
        // x·0 is −0 for negative x; adding +0 makes padded states exactly +0, whatever the padded ids
        return new NDList(states.mul(mask.reshape(batch, length, 1)).add(0f));
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.dim()), gamma, beta, LN_EPS).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), config.outputDim())};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        if (inputShapes.length < 1 || inputShapes[0].dimension() != 2) {
            throw new IllegalArgumentException("text encoder expects ids [batch, length]");
        }
    }

    /**
     * Embedding N(0, 1) (PyTorch's default); linear weights uniform in ±1/√fan_in (PyTorch's
     * default bound); LayerNorm gamma 1, beta 0; output bias uniform in ±1/√dim.
     */
    @Override
    public void resetParameters(Random random) {
        tokenEmbedding.getArray().set(SeededValues.normal(random, tokenEmbedding.getArray().size(), 1.0));
        for (Layer layer : blocks) {
            for (Parameter p : List.of(layer.attnGamma(), layer.ffnGamma())) {
                p.getArray().set(SeededValues.constant(p.getArray().size(), 1f));
            }
            for (Parameter p : List.of(layer.attnBeta(), layer.ffnBeta())) {
                p.getArray().set(SeededValues.constant(p.getArray().size(), 0f));
            }
            for (Parameter p : List.of(layer.qkv(), layer.out(), layer.ffnIn(), layer.ffnOut())) {
                fanInUniform(random, p);
            }
        }
        finalGamma.getArray().set(SeededValues.constant(config.dim(), 1f));
        finalBeta.getArray().set(SeededValues.constant(config.dim(), 0f));
        fanInUniform(random, outputWeight);
        outputBias.getArray().set(SeededValues.uniform(random, config.outputDim(), 1.0 / Math.sqrt(config.dim())));
    }

    private static void fanInUniform(Random random, Parameter p) {
        NDArray a = p.getArray();
        a.set(SeededValues.uniform(random, a.size(), 1.0 / Math.sqrt(a.getShape().get(1))));
    }

    /** The architecture. */
    public TextConfig config() {
        return config;
    }

    /** Number of scalar parameters. */
    public long parameterCount() {
        return getParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    @Override
    public String toString() {
        return "TextEncoder(vocab " + config.vocabSize() + ", dim " + config.dim() + " × " + config.layers()
                + " layers, " + config.heads() + " heads → " + config.outputDim() + ")";
    }

    /** Builder: {@code setConfig} is required; {@code optSeed} (default 0) fixes the initial weights. */
    public static final class Builder extends SeededBlockBuilder<TextConfig, Builder> {

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        public TextEncoder build() {
            return new TextEncoder(requireConfig("TextEncoder needs a TextConfig (setConfig)"), seed());
        }
    }
}
