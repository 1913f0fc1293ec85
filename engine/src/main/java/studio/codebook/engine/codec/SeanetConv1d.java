package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * A 1-D convolution with EnCodec's non-causal "streamable" padding and optional weight norm: the
 * {@code StreamableConv1d} of audiocraft's {@code modules/conv.py}, as a DJL block.
 *
 * <h2>Padding</h2>
 * With the effective kernel {@code k' = (k − 1)·dilation + 1}, the input is padded by
 * {@code total = k' − stride}: {@code right = total / 2}, {@code left = total − right}, plus an
 * extra right padding {@code frames·stride − L} (frames = ⌈L / stride⌉) so that the last window is
 * full. The output therefore always has exactly {@code ⌈L / stride⌉} frames (L frames for stride 1),
 * for every {@code L ≥ 1}. Pad mode {@code reflect} mirrors the signal without repeating the edge
 * sample; when the input is not longer than the larger pad, it is first padded with zeros on the
 * right so that reflection is defined, and those zeros are cut off again afterwards (audiocraft's
 * fallback). Pad mode {@code constant} pads with zeros.
 *
 * <h2>Parameters</h2>
 * With weight norm: {@code weight_g} [out, 1, 1], {@code weight_v} [out, in, k] and {@code bias}
 * [out]; the weight used is {@code w = g · v / ‖v‖}, the norm taken over (in, k) per output channel
 * (PyTorch's {@code weight_norm(dim=0)}). Without weight norm: {@code weight} [out, in, k] and
 * {@code bias}. The shapes and short names are exactly those of Meta's checkpoints, so mapping an
 * official EnCodec state dict is a renaming only: audiocraft's {@code encoder.model.<i>.conv.conv.weight_g}
 * (HF: {@code encoder.layers.<i>.conv.weight_g}) becomes the DJL name of this block's
 * {@code weight_g} (e.g. {@code 01conv_in_weight_g} inside {@link SeanetEncoder}); the tensors copy
 * over unchanged.
 *
 * <p>The normalised weight is computed once per forward call (3 small ops on the weight), never per
 * time step; it is a few percent of a forward at audio lengths, so it is not cached.
 */
public final class SeanetConv1d extends AbstractBlock implements SeededParameters {

    private static final byte VERSION = 1;

    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int dilation;
    private final boolean reflect;
    private final ConvWeights weights;

    SeanetConv1d(Builder builder) {
        super(VERSION);
        inChannels = builder.inChannels;
        outChannels = builder.outChannels;
        kernelSize = builder.kernelSize;
        stride = builder.stride;
        dilation = builder.dilation;
        reflect = "reflect".equals(builder.padMode);
        weights = new ConvWeights(this::addParameter, new Shape(outChannels, inChannels, kernelSize), outChannels,
                builder.weightNorm);
    }

    /** A builder; in/out channels and kernel size are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = weights.weight(parameterStore, x.getDevice(), training);
        NDArray b = weights.bias(parameterStore, x.getDevice(), training);
        NDArray padded = pad(x, training);
        NDList out = Conv1d.conv1d(padded, w, b, new Shape(stride), new Shape(0), new Shape(dilation), 1);
        if (freeable(training, out.head())) {
            // no graph to keep: free the temporaries now rather than when the caller's scope closes
            if (padded != x) {
                padded.close();
            }
            if (weights.weightNorm()) {
                w.close();
            }
        }
        return out;
    }

    /**
     * Whether temporaries that produced {@code result} may be closed at once: in inference with no
     * autograd graph recording (a forward with training = false inside a GradientCollector keeps them).
     */
    static boolean freeable(boolean training, NDArray result) {
        return !training && !result.hasGradient();
    }

    /** Closes the given arrays (nulls skipped). */
    static void closeAll(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** The padded input: non-causal split plus the extra right padding that fills the last window. */
    NDArray pad(NDArray x, boolean training) {
        long length = x.getShape().get(2);
        int[] lr = padding(length);
        int left = lr[0];
        int right = lr[1];
        if (left == 0 && right == 0) {
            return x;
        }
        if (!reflect) {
            return x.pad(new Shape(left, right), 0);
        }
        return reflectPad(x, left, right, training);
    }

    /** Left and right padding (right including the extra padding) for an input of the given length. */
    int[] padding(long length) {
        int effectiveKernel = (kernelSize - 1) * dilation + 1;
        int total = effectiveKernel - stride;
        int right = total / 2;
        int left = total - right;
        long frames = Math.max(1, ceilDiv(length, stride));
        long extra = frames * stride - length;
        return new int[] {left, Math.toIntExact(right + extra)};
    }

    /**
     * Reflect padding along the last axis, with audiocraft's fallback for inputs not longer than
     * the pad: zeros are appended first so that reflection is defined, and cut off afterwards.
     */
    static NDArray reflectPad(NDArray input, int left, int right, boolean training) {
        NDArray x = input;
        long length = x.getShape().get(2);
        int maxPad = Math.max(left, right);
        long extraZeros = 0;
        if (length <= maxPad) {
            extraZeros = maxPad - length + 1;
            x = x.pad(new Shape(0, extraZeros), 0);
            length += extraZeros;
        }
        NDArray leftSlice = left > 0 ? x.get(new NDIndex(":, :, 1:{}", left + 1)) : null;
        NDArray leftPart = left > 0 ? leftSlice.flip(2) : null;
        NDArray rightSlice = right > 0 ? x.get(new NDIndex(":, :, {}:{}", length - 1 - right, length - 1)) : null;
        NDArray rightPart = right > 0 ? rightSlice.flip(2) : null;
        NDList parts = new NDList(3);
        if (leftPart != null) {
            parts.add(leftPart);
        }
        parts.add(x);
        if (rightPart != null) {
            parts.add(rightPart);
        }
        NDArray padded = NDArrays.concat(parts, 2);
        NDArray result = padded;
        if (extraZeros > 0) {
            result = padded.get(new NDIndex(":, :, :{}", padded.getShape().get(2) - extraZeros));
        }
        if (freeable(training, result)) {
            closeAll(leftSlice, leftPart, rightSlice, rightPart, x == input ? null : x, result == padded ? null : padded);
        }
        return result;
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Output frames for an input of {@code length} samples: ⌈length / stride⌉ (unknown stays −1). */
    public long outputLength(long length) {
        return length < 0 ? -1 : ceilDiv(length, stride);
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
            throw new IllegalArgumentException("conv expects " + inChannels + " input channels, got " + c);
        }
    }

    /** PyTorch's default: v and bias uniform in ±1/√(in·k); g = ‖v‖ so that w = v at the start. */
    @Override
    public void resetParameters(Random random) {
        int fanIn = inChannels * kernelSize;
        weights.reset(random, 1.0 / Math.sqrt(fanIn));
    }

    /** Input channels. */
    public int inChannels() {
        return inChannels;
    }

    /** Output channels. */
    public int outChannels() {
        return outChannels;
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    @Override
    public String toString() {
        return "SeanetConv1d(" + inChannels + "→" + outChannels + ", k" + kernelSize
                + (stride != 1 ? ", stride " + stride : "") + (dilation != 1 ? ", dilation " + dilation : "")
                + (weights.weightNorm() ? ", weight norm" : "") + ", " + (reflect ? "reflect" : "constant") + ")";
    }

    /** Builder: {@code setInChannels}, {@code setOutChannels}, {@code setKernelSize} are required. */
    public static final class Builder {
        private int inChannels = -1;
        private int outChannels = -1;
        private int kernelSize = -1;
        private int stride = 1;
        private int dilation = 1;
        private boolean weightNorm = true;
        private String padMode = "reflect";

        Builder() {}

        public Builder setInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        public Builder setOutChannels(int outChannels) {
            this.outChannels = outChannels;
            return this;
        }

        public Builder setKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        public Builder optDilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        /** Weight norm (default true). */
        public Builder optWeightNorm(boolean weightNorm) {
            this.weightNorm = weightNorm;
            return this;
        }

        /** "reflect" (default) or "constant". */
        public Builder optPadMode(String padMode) {
            this.padMode = padMode;
            return this;
        }

        public SeanetConv1d build() {
            if (inChannels < 1 || outChannels < 1 || kernelSize < 1) {
                throw new IllegalArgumentException("conv needs positive in/out channels and kernel size");
            }
            if (stride < 1 || dilation < 1) {
                throw new IllegalArgumentException("conv stride and dilation must be positive");
            }
            if ((kernelSize - 1) * dilation + 1 < stride) {
                throw new IllegalArgumentException("conv kernel " + kernelSize + " is shorter than its stride " + stride);
            }
            if (!"reflect".equals(padMode) && !"constant".equals(padMode)) {
                throw new IllegalArgumentException("padMode must be 'reflect' or 'constant', not '" + padMode + "'");
            }
            return new SeanetConv1d(this);
        }
    }
}
