package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * SEANet's residual unit: {@code skip(x) + conv2(ELU(conv1(ELU(x))))}, with conv1 of kernel
 * {@code residualKernelSize} and the given dilation from C to C / compress, and conv2 of kernel 1
 * back to C. The skip is the identity ({@code trueSkip}) or a 1×1 convolution. Length-preserving.
 *
 * <p>Children {@code conv1}, {@code conv2} (and {@code shortcut}) correspond to audiocraft's
 * {@code block.1}, {@code block.3} (and {@code shortcut}) of a {@code SEANetResnetBlock}.
 */
public final class SeanetResidualUnit extends AbstractBlock implements SeededParameters {

    private static final byte VERSION = 1;
    static final float ELU_ALPHA = 1f;

    private final int channels;
    private final SeanetConv1d conv1;
    private final SeanetConv1d conv2;
    private final SeanetConv1d shortcut;

    /**
     * @param channels C
     * @param kernelSize kernel of the first convolution
     * @param dilation dilation of the first convolution
     * @param compress hidden width is C / compress (at least 1)
     * @param trueSkip identity skip (true) or a 1×1 convolution
     * @param weightNorm weight norm on every convolution
     * @param padMode "reflect" or "constant"
     */
    public SeanetResidualUnit(
            int channels, int kernelSize, int dilation, int compress, boolean trueSkip, boolean weightNorm,
            String padMode) {
        super(VERSION);
        this.channels = channels;
        int hidden = Math.max(1, channels / compress);
        conv1 = addChildBlock("conv1", SeanetConv1d.builder()
                .setInChannels(channels).setOutChannels(hidden).setKernelSize(kernelSize).optDilation(dilation)
                .optWeightNorm(weightNorm).optPadMode(padMode).build());
        conv2 = addChildBlock("conv2", SeanetConv1d.builder()
                .setInChannels(hidden).setOutChannels(channels).setKernelSize(1)
                .optWeightNorm(weightNorm).optPadMode(padMode).build());
        shortcut = trueSkip ? null : addChildBlock("shortcut", SeanetConv1d.builder()
                .setInChannels(channels).setOutChannels(channels).setKernelSize(1)
                .optWeightNorm(weightNorm).optPadMode(padMode).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = Activation.elu(x, ELU_ALPHA);
        NDArray h = conv1.forward(ps, new NDList(a), training).singletonOrThrow();
        NDArray b = Activation.elu(h, ELU_ALPHA);
        NDArray y = conv2.forward(ps, new NDList(b), training).singletonOrThrow();
        boolean free = SeanetConv1d.freeable(training, y);
        if (free) {
            a.close();
            h.close();
            b.close();
        }
        if (shortcut == null) {
            return new NDList(y.addi(x));
        }
        NDArray skip = shortcut.forward(ps, new NDList(x), training).singletonOrThrow();
        y.addi(skip);
        if (free) {
            skip.close();
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv1.initialize(manager, dataType, in);
        conv2.initialize(manager, dataType, conv1.getOutputShapes(new Shape[] {in}));
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, in);
        }
    }

    @Override
    public void resetParameters(Random random) {
        conv1.resetParameters(random);
        conv2.resetParameters(random);
        if (shortcut != null) {
            shortcut.resetParameters(random);
        }
    }

    @Override
    public String toString() {
        return "SeanetResidualUnit(" + channels + ")";
    }
}
