package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * EnCodec's non-causal transposed convolution (C_in → C_out, kernel 2r, stride r, trimmed to
 * exactly {@code T·r} samples) computed as a sub-pixel convolution, because DJL's PyTorch engine
 * has no {@code Conv1dTranspose}. The result is <em>exactly</em> the transposed convolution, not an
 * approximation.
 *
 * <h2>Why kernel 2 suffices</h2>
 * A transposed conv with weight {@code W[in, out, 2r]}, stride r and no padding gives
 * {@code (T+1)·r} samples, {@code y[m·r + j] = W[·,·,j]·x[m] + W[·,·,j+r]·x[m−1]} for j in [0, r)
 * and m in [0, T], with {@code x[−1] = x[T] = 0}. That is an ordinary convolution with kernel 2 over
 * (x[m−1], x[m]) with zero padding 1 on both sides, producing {@code C_out·r} channels for the
 * {@code T+1} frames, whose channel {@code c·r + j} is sample j of frame m of output channel c.
 * Reshape {@code [B, C_out·r, T+1] → [B, C_out, r, T+1]}, move r after time
 * ({@code [B, C_out, T+1, r]}) and flatten to {@code [B, C_out, (T+1)·r]}: this is y. EnCodec then
 * trims {@code total = 2r − r = r} samples, {@code right = r/2}, {@code left = r − r/2}, so the
 * output is {@code y[left, left + T·r)}: exactly {@code T·r} samples for every T ≥ 1.
 *
 * <h2>Parameters and official weights</h2>
 * The parameters keep the transposed-convolution layout, so an official checkpoint maps by name
 * only ({@code decoder.model.<i>.convtr.convtr.weight_g / weight_v / bias}): {@code weight_v}
 * [C_in, C_out, 2r], {@code weight_g} [C_in, 1, 1] (PyTorch's weight_norm with dim 0 on a
 * transposed conv normalises per <em>input</em> channel, over (out, k)), {@code bias} [C_out]. The
 * kernel-2 convolution weight is derived in each forward call:
 * {@code K[c·r + j, i, 0] = W[i, c, j + r]} (tap on x[m−1]) and {@code K[c·r + j, i, 1] = W[i, c, j]}
 * (tap on x[m]), i.e. reshape W to [C_in, C_out, 2, r], permute to [C_out, r, C_in, 2], flatten
 * and flip the tap axis. The bias is repeated r times. The cost equals that of the transposed
 * convolution (2r·C_in·C_out multiply-adds per input frame) plus one copy of the output.
 */
public final class SeanetUpsample1d extends AbstractBlock implements SeededParameters {

    private static final byte VERSION = 1;

    private final int inChannels;
    private final int outChannels;
    private final int ratio;
    private final ConvWeights weights;

    SeanetUpsample1d(Builder builder) {
        super(VERSION);
        inChannels = builder.inChannels;
        outChannels = builder.outChannels;
        ratio = builder.ratio;
        // the transposed-convolution layout [C_in, C_out, 2r]: weight norm normalises per input channel
        weights = new ConvWeights(this::addParameter, new Shape(inChannels, outChannels, 2L * ratio), outChannels,
                builder.weightNorm);
    }

    /** A builder; in/out channels and the ratio are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = weights.weight(parameterStore, x.getDevice(), training);
        NDArray b = weights.bias(parameterStore, x.getDevice(), training);
        NDArray kernel = subPixelKernel(w, ratio);
        NDArray subBias = b.reshape(outChannels, 1).repeat(1, ratio).reshape(-1);
        long batch = x.getShape().get(0);
        long frames = x.getShape().get(2);
        NDArray sub = Conv1d.conv1d(x, kernel, subBias, new Shape(1), new Shape(1), new Shape(1), 1).singletonOrThrow();
        NDArray split = sub.reshape(batch, outChannels, ratio, frames + 1);
        NDArray interleaved = split.transpose(0, 1, 3, 2);
        NDArray y = interleaved.reshape(batch, outChannels, (frames + 1) * ratio);
        long left = ratio - ratio / 2;
        NDArray trimmed = y.get(new NDIndex(":, :, {}:{}", left, left + frames * ratio));
        if (SeanetConv1d.freeable(training, trimmed)) {
            // views share storage with what they view, so closing these handles frees only the
            // conv output and the weights; the trimmed view keeps the interleaved copy alive
            SeanetConv1d.closeAll(weights.weightNorm() ? w : null, kernel, subBias, sub, split, interleaved, y);
        }
        return new NDList(trimmed);
    }

    /**
     * The kernel-2 convolution weight [C_out·r, C_in, 2] equivalent to a transposed-convolution
     * weight [C_in, C_out, 2r] with stride r.
     */
    static NDArray subPixelKernel(NDArray transposedWeight, int ratio) {
        Shape s = transposedWeight.getShape();
        long in = s.get(0);
        long out = s.get(1);
        return transposedWeight.reshape(in, out, 2, ratio)
                .transpose(1, 3, 0, 2)
                .reshape(out * ratio, in, 2)
                .flip(2);
    }

    /** Output samples for {@code frames} input frames: exactly {@code frames · r} (unknown stays −1). */
    public long outputLength(long frames) {
        return frames < 0 ? -1 : frames * ratio;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, outputLength(in.get(2)))};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long c = inputShapes[0].get(1);
        if (c >= 0 && c != inChannels) {
            throw new IllegalArgumentException("up-sampling expects " + inChannels + " input channels, got " + c);
        }
    }

    /**
     * PyTorch's default for ConvTranspose1d: v and bias uniform in ±1/√(C_out·2r) (PyTorch takes
     * the fan-in from the weight's second axis); g = ‖v‖ per input channel.
     */
    @Override
    public void resetParameters(Random random) {
        weights.reset(random, 1.0 / Math.sqrt((double) outChannels * 2 * ratio));
    }

    /** The up-sampling ratio r. */
    public int ratio() {
        return ratio;
    }

    @Override
    public String toString() {
        return "SeanetUpsample1d(" + inChannels + "→" + outChannels + ", ×" + ratio
                + (weights.weightNorm() ? ", weight norm" : "") + ")";
    }

    /** Builder: {@code setInChannels}, {@code setOutChannels}, {@code setRatio} are required. */
    public static final class Builder {
        private int inChannels = -1;
        private int outChannels = -1;
        private int ratio = -1;
        private boolean weightNorm = true;

        Builder() {}

        public Builder setInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        public Builder setOutChannels(int outChannels) {
            this.outChannels = outChannels;
            return this;
        }

        /** Up-sampling factor r (stride of the equivalent transposed conv; its kernel is 2r). */
        public Builder setRatio(int ratio) {
            this.ratio = ratio;
            return this;
        }

        /** Weight norm (default true). */
        public Builder optWeightNorm(boolean weightNorm) {
            this.weightNorm = weightNorm;
            return this;
        }

        public SeanetUpsample1d build() {
            if (inChannels < 1 || outChannels < 1 || ratio < 1) {
                throw new IllegalArgumentException("up-sampling needs positive channels and ratio");
            }
            return new SeanetUpsample1d(this);
        }
    }
}
