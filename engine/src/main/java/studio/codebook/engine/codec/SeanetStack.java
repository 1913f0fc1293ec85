package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.init.SeededBlock;

/**
 * A chain of SEANet layers, each optionally preceded by an ELU: the common body of
 * {@link SeanetEncoder} and {@link SeanetDecoder}. Parameters are drawn from a seeded
 * {@link Random} after DJL's initialisation, so a given configuration and seed always give the
 * same weights.
 */
abstract class SeanetStack extends SeededBlock implements SeededParameters {

    private static final byte VERSION = 1;

    private final SeanetConfig config;
    private final List<Block> layers = new ArrayList<>();
    private final List<Boolean> eluBefore = new ArrayList<>();

    SeanetStack(SeanetConfig config, long seed) {
        super(VERSION, seed);
        this.config = config;
    }

    /** Appends a layer named {@code name}, preceded by an ELU if {@code elu}. */
    final <B extends Block> B layer(String name, B block, boolean elu) {
        layers.add(addChildBlock(name, block));
        eluBefore.add(elu);
        return block;
    }

    final SeanetConv1d conv(int in, int out, int kernel, int stride) {
        return SeanetConv1d.builder().setInChannels(in).setOutChannels(out).setKernelSize(kernel).optStride(stride)
                .optWeightNorm(config.weightNorm()).optPadMode(config.padMode()).build();
    }

    final SeanetResidualUnit residual(int channels, int unit) {
        int dilation = (int) Math.round(Math.pow(config.dilationBase(), unit));
        return new SeanetResidualUnit(channels, config.residualKernelSize(), dilation, config.compress(),
                config.trueSkip(), config.weightNorm(), config.padMode());
    }

    /** The layers in order (for profiling and checkpoint mapping). */
    final List<Block> layers() {
        return List.copyOf(layers);
    }

    /** Whether layer i is preceded by an ELU. */
    final boolean eluBefore(int i) {
        return eluBefore.get(i);
    }

    /** The architecture. */
    public SeanetConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        for (int i = 0; i < layers.size(); i++) {
            NDArray in = eluBefore.get(i) ? Activation.elu(x, SeanetResidualUnit.ELU_ALPHA) : x;
            NDArray out = layers.get(i).forward(ps, new NDList(in), training).singletonOrThrow();
            if (SeanetConv1d.freeable(training, out)) {
                // Inference keeps no graph: free activations as soon as they are consumed, so the
                // working set stays at two activations instead of the whole chain.
                if (in != x) {
                    in.close();
                }
                if (x != input) {
                    x.close();
                }
            }
            x = out;
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block layer : layers) {
            shapes = layer.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block layer : layers) {
            layer.initialize(manager, dataType, shapes);
            shapes = layer.getOutputShapes(shapes);
        }
    }

    @Override
    public void resetParameters(Random random) {
        for (Block layer : layers) {
            ((SeededParameters) layer).resetParameters(random);
        }
    }

    /** Number of scalar parameters (after initialisation). */
    public long parameterCount() {
        return getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 3) {
            throw new IllegalArgumentException("expected [batch, channels, time], got " + in);
        }
    }
}
