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
 * log-magnitude in every frequency bin (and, if {@link SpectralDecoderConfig#predictPhase}, a phase offset),
 * and an {@link InverseStft} with the codec's hop turns the spectra into audio.
 *
 * <p><b>Phase.</b> Bin k of frame t starts from the reference phase θ_k + 2π·k·t/overlap: the phase a steady
 * sinusoid at the bin's centre frequency advances by in t hops, from a fixed pseudo-random start θ_k per bin
 * ({@link #REFERENCE_SEED}; 0 for the DC and Nyquist bins); the predicted offset, if any, is added to it. So
 * with no offset every bin is a continuous sinusoid, and a sustained note comes out at its own harmonics. The
 * random starts keep the bins out of step: with θ = 0 they would all peak together every overlap frames,
 * turning noise into a click train (crest factor 35 instead of 4 on white noise).
 * A phase predicted frame by frame instead tends to repeat from frame to frame, which renders notes on a
 * comb at the frame rate and hides buzzy leads (docs/results.md). The reference depends on t modulo the
 * overlap only, so frame 0 of the input must be a clip frame whose index is a multiple of
 * {@link #frameAlignment()}; {@link CompressionModel} aligns its chunks to it.
 *
 * <p>Why a spectral decoder: a SEANet decoder upsamples with transposed convolutions and has to learn to
 * carry a note's phase across frames; here the magnitude of each harmonic is an output, and the body runs at
 * 50 frames/s instead of 16 000 samples/s (several times faster to train on a CPU).
 *
 * <p>Parameters: {@code in_weight} [H, D, k], {@code in_bias}, {@code in_norm_gamma/beta} [H]; per block
 * i: {@code b<i>_dw_weight} [H, 1, k], {@code b<i>_dw_bias}, {@code b<i>_norm_gamma/beta},
 * {@code b<i>_ff1_weight} [I, H], {@code b<i>_ff1_bias}, {@code b<i>_ff2_weight} [H, I], {@code b<i>_ff2_bias},
 * {@code b<i>_scale} [H]; {@code out_norm_gamma/beta}; {@code head_weight} [channels·outputs, H] and
 * {@code head_bias}, outputs per channel the bins' log-magnitudes, then their phase offsets if predicted.
 * Initialised as Vocos (weights N(0, 0.02²) truncated, biases 0, layer scale 1/layers), except that the
 * phase rows of the head start at zero, so a new decoder starts from the reference phase.
 */
public final class SpectralDecoder extends SeededBlock implements AudioDecoder {

    private static final byte VERSION = 1;
    private static final float LN_EPS = 1e-6f;
    /** Magnitudes are capped at e^4.6 ≈ 100, as in Vocos, so an early step cannot blow up the audio. */
    private static final float LOG_MAGNITUDE_MAX = 4.6f;
    /** Seed of the bins' starting phases θ_k (java.util.Random, the same on every platform). */
    public static final long REFERENCE_SEED = 0x5eed_f0a5eL;

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
        long outputs = (long) codec.channels() * config.headOutputs(hop);
        headWeight = param("head_weight", Parameter.Type.WEIGHT, new Shape(outputs, h));
        headBias = param("head_bias", Parameter.Type.BIAS, new Shape(outputs));
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
        int parts = config.predictPhase() ? 2 : 1;
        NDArray perChannel = spectra.reshape(batch, frames, channels, parts, bins).transpose(0, 2, 1, 3, 4)
                .reshape(batch * channels, frames, parts, bins);
        NDArray magnitude = perChannel.get(":, :, 0, :").minimum(LOG_MAGNITUDE_MAX).exp();
        float[][] reference = referencePhase(Math.toIntExact(frames));
        NDArray cos = latent.getManager().create(reference[0], new Shape(1, frames, bins));
        NDArray sin = latent.getManager().create(reference[1], new Shape(1, frames, bins));
        NDArray real;
        NDArray imag;
        if (config.predictPhase()) {
            NDArray offset = perChannel.get(":, :, 1, :");
            NDArray c = offset.cos();
            NDArray s = offset.sin();
            // cos(a + b) and sin(a + b) of the reference a and the offset b
            real = magnitude.mul(c.mul(cos).sub(s.mul(sin)));
            imag = magnitude.mul(s.mul(cos).add(c.mul(sin)));
        } else {
            real = magnitude.mul(cos);
            imag = magnitude.mul(sin);
        }
        NDArray audio = istft.apply(real, imag, headW.getManager());
        return new NDList(audio.reshape(batch, channels, frames * codec.hopLength()));
    }

    /**
     * Frames the input must start on: a multiple of this in the clip's frame index keeps the reference phase
     * the same whatever part of a clip is decoded.
     */
    @Override
    public int frameAlignment() {
        return config.overlap();
    }

    /** The starting phase θ_k of each bin: uniform in [0, 2π) from {@link #REFERENCE_SEED}, 0 at DC and Nyquist. */
    static double[] startingPhases(int bins) {
        Random random = new Random(REFERENCE_SEED);
        double[] theta = new double[bins];
        for (int k = 0; k < bins; k++) {
            double draw = 2 * Math.PI * random.nextDouble();
            theta[k] = k == 0 || k == bins - 1 ? 0 : draw;
        }
        return theta;
    }

    /** cos and sin of the reference phase θ_k + 2π·k·(t mod overlap)/overlap, [T·bins] each. */
    private float[][] referencePhase(int frames) {
        int overlap = config.overlap();
        double[] theta = startingPhases(bins);
        float[][] table = new float[2][overlap * bins];
        for (int r = 0; r < overlap; r++) {
            for (int k = 0; k < bins; k++) {
                double angle = theta[k] + 2 * Math.PI * ((long) k * r % overlap) / overlap;
                table[0][r * bins + k] = (float) Math.cos(angle);
                table[1][r * bins + k] = (float) Math.sin(angle);
            }
        }
        float[][] out = new float[2][frames * bins];
        for (int t = 0; t < frames; t++) {
            int r = t % overlap;
            System.arraycopy(table[0], r * bins, out[0], t * bins, bins);
            System.arraycopy(table[1], r * bins, out[1], t * bins, bins);
        }
        return out;
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
            if (name.equals("head_weight") && config.predictPhase()) {
                a.set(headWeights(random, a, std));
            } else if (name.endsWith("_weight")) {
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

    /** The head's initial weights: magnitude rows drawn as the others, phase rows zero. */
    private float[] headWeights(Random random, NDArray head, double std) {
        float[] values = SeededValues.truncatedNormal(random, head.size(), std);
        int h = config.hidden();
        int outputs = config.headOutputs(codec.hopLength());
        for (int c = 0; c < codec.channels(); c++) {
            java.util.Arrays.fill(values, (c * outputs + bins) * h, (c + 1) * outputs * h, 0f);
        }
        return values;
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
