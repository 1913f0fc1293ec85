package studio.codebook.engine.codec;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.init.SeededBlock;
import studio.codebook.engine.init.SeededValues;

/**
 * A Vocos-style decoder: latent [B, D, T] → audio [B, channels, T·hop] through a spectrum. The latent stays
 * at the frame rate through an input convolution and a stack of ConvNeXt blocks (depthwise convolution,
 * LayerNorm, pointwise feed-forward with GELU, layer scale, residual); a linear head then gives each frame's
 * log-magnitude and phase in every frequency bin, and an {@link InverseStft} with the codec's hop turns the
 * spectra into audio.
 *
 * <p>Why: a SEANet decoder upsamples with transposed convolutions and has to learn to carry a note's phase
 * across frames; until it has, it renders sustained notes on a comb at its frame rate, which hides buzzy
 * leads (docs/results.md). Here the magnitude of each harmonic is an output, so a saw lead's spectrum can be
 * right whatever the phase, and the body runs at 50 frames/s instead of 16 000 samples/s.
 *
 * <p>Parameters: {@code in_weight} [H, D, k], {@code in_bias}, {@code in_norm_gamma/beta} [H]; per block
 * i: {@code b<i>_dw_weight} [H, 1, k], {@code b<i>_dw_bias}, {@code b<i>_norm_gamma/beta},
 * {@code b<i>_ff1_weight} [I, H], {@code b<i>_ff1_bias}, {@code b<i>_ff2_weight} [H, I], {@code b<i>_ff2_bias},
 * {@code b<i>_scale} [H]; {@code out_norm_gamma/beta}; {@code head_weight} [channels·2·bins, H],
 * {@code head_bias}. Initialised as Vocos: weights N(0, 0.02²) truncated, biases 0, layer scale 1/layers.
 */
public final class SpectralDecoder extends SeededBlock {

    private static final byte VERSION = 1;
    private static final float LN_EPS = 1e-6f;
    /** Magnitudes are capped at e^4.6 ≈ 100, as in Vocos, so an early step cannot blow up the audio. */
    private static final float LOG_MAGNITUDE_MAX = 4.6f;

    private final SeanetConfig codec;
    private final SpectralDecoderConfig config;
    private final InverseStft istft;
    private final int bins;
    private final Parameter inWeight;
    private final Parameter inBias;
    private final Parameter inGamma;
    private final Parameter inBeta;
    private final List<Parameter[]> blocks = new ArrayList<>();
    private final Parameter outGamma;
    private final Parameter outBeta;
    private final Parameter headWeight;
    private final Parameter headBias;

    /**
     * @param codec the codec (channels, latent dimension, hop)
     * @param config the decoder's size
     * @param seed the initial weights' seed
     */
    public SpectralDecoder(SeanetConfig codec, SpectralDecoderConfig config, long seed) {
        super(VERSION, seed);
        this.codec = codec;
        this.config = config;
        int hop = codec.hopLength();
        this.istft = new InverseStft(hop, config.overlap());
        this.bins = config.bins(hop);
        int h = config.hidden();
        int k = config.kernelSize();
        inWeight = param("in_weight", Parameter.Type.WEIGHT, new Shape(h, codec.dimension(), k));
        inBias = param("in_bias", Parameter.Type.BIAS, new Shape(h));
        inGamma = param("in_norm_gamma", Parameter.Type.GAMMA, new Shape(h));
        inBeta = param("in_norm_beta", Parameter.Type.BETA, new Shape(h));
        for (int i = 1; i <= config.layers(); i++) {
            String b = "b" + i + "_";
            blocks.add(new Parameter[] {
                param(b + "dw_weight", Parameter.Type.WEIGHT, new Shape(h, 1, k)),
                param(b + "dw_bias", Parameter.Type.BIAS, new Shape(h)),
                param(b + "norm_gamma", Parameter.Type.GAMMA, new Shape(h)),
                param(b + "norm_beta", Parameter.Type.BETA, new Shape(h)),
                param(b + "ff1_weight", Parameter.Type.WEIGHT, new Shape(config.intermediate(), h)),
                param(b + "ff1_bias", Parameter.Type.BIAS, new Shape(config.intermediate())),
                param(b + "ff2_weight", Parameter.Type.WEIGHT, new Shape(h, config.intermediate())),
                param(b + "ff2_bias", Parameter.Type.BIAS, new Shape(h)),
                param(b + "scale", Parameter.Type.GAMMA, new Shape(h)),
            });
        }
        outGamma = param("out_norm_gamma", Parameter.Type.GAMMA, new Shape(h));
        outBeta = param("out_norm_beta", Parameter.Type.BETA, new Shape(h));
        headWeight = param("head_weight", Parameter.Type.WEIGHT, new Shape((long) codec.channels() * 2 * bins, h));
        headBias = param("head_bias", Parameter.Type.BIAS, new Shape((long) codec.channels() * 2 * bins));
    }

    private Parameter param(String name, Parameter.Type type, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape)
                .optInitializer(Initializer.ZEROS).build());
    }

    /** The decoder's size. */
    public SpectralDecoderConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray latent = inputs.singletonOrThrow();
        Device device = latent.getDevice();
        long batch = latent.getShape().get(0);
        long frames = latent.getShape().get(2);
        int pad = config.kernelSize() / 2;
        int h = config.hidden();
        NDArray x = Conv1d.conv1d(latent, ps.getValue(inWeight, device, training), ps.getValue(inBias, device, training),
                new Shape(1), new Shape(pad), new Shape(1), 1).head().transpose(0, 2, 1); // [B, T, H]
        x = norm(x, ps.getValue(inGamma, device, training), ps.getValue(inBeta, device, training));
        for (Parameter[] p : blocks) {
            NDArray y = Conv1d.conv1d(x.transpose(0, 2, 1), ps.getValue(p[0], device, training),
                    ps.getValue(p[1], device, training), new Shape(1), new Shape(pad), new Shape(1), h).head()
                    .transpose(0, 2, 1);
            y = norm(y, ps.getValue(p[2], device, training), ps.getValue(p[3], device, training));
            y = Activation.gelu(Linear.linear(y, ps.getValue(p[4], device, training),
                    ps.getValue(p[5], device, training)).head());
            y = Linear.linear(y, ps.getValue(p[6], device, training), ps.getValue(p[7], device, training)).head();
            x = x.add(y.mul(ps.getValue(p[8], device, training)));
        }
        x = norm(x, ps.getValue(outGamma, device, training), ps.getValue(outBeta, device, training));
        NDArray headW = ps.getValue(headWeight, device, training);
        NDArray spectra = Linear.linear(x, headW, ps.getValue(headBias, device, training)).head(); // [B, T, C·2·F]
        int channels = codec.channels();
        NDArray perChannel = spectra.reshape(batch, frames, channels, 2, bins).transpose(0, 2, 1, 3, 4)
                .reshape(batch * channels, frames, 2, bins);
        NDArray magnitude = perChannel.get(":, :, 0, :").minimum(LOG_MAGNITUDE_MAX).exp();
        NDArray phase = perChannel.get(":, :, 1, :");
        NDArray audio = istft.apply(magnitude.mul(phase.cos()), magnitude.mul(phase.sin()), headW.getManager());
        return new NDList(audio.reshape(batch, channels, frames * codec.hopLength()));
    }

    private NDArray norm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.hidden()), gamma, beta, LN_EPS).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), codec.channels(), in.get(2) * codec.hopLength())};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 3 || in.get(1) != codec.dimension()) {
            throw new IllegalArgumentException("expected a latent [batch, " + codec.dimension() + ", frames], got " + in);
        }
    }

    @Override
    public void resetParameters(Random random) {
        double std = 0.02;
        for (var p : getParameters()) {
            NDArray a = p.getValue().getArray();
            String name = p.getKey();
            if (name.endsWith("_weight")) {
                a.set(SeededValues.truncatedNormal(random, a.size(), std));
            } else if (name.endsWith("_gamma")) {
                a.set(SeededValues.constant(a.size(), 1f));
            } else if (name.endsWith("_scale")) {
                a.set(SeededValues.constant(a.size(), 1f / Math.max(1, config.layers())));
            } else {
                a.set(SeededValues.constant(a.size(), 0f));
            }
        }
    }

    /** Number of scalar parameters (after initialisation). */
    public long parameterCount() {
        return getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public String toString() {
        return "SpectralDecoder(" + config + ")";
    }
}
