package studio.codebook.engine.codec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;
import studio.codebook.engine.init.SeededValues;

/**
 * The bottleneck LSTM of SEANet with a skip connection, {@code lstm(x) + x}, on [B, C, T] (moved to
 * [B, T, C] for the LSTM and back). Hidden size = C, so the skip needs no projection. Runs as one
 * native call to PyTorch's fused LSTM (DJL's {@link LSTM}); per layer it has 8C² + 8C parameters
 * (input and recurrent weights [4C, C] and two biases [4C], gates in PyTorch's i, f, g, o order).
 * DJL names them {@code lstm_l_<k>_i2h_WEIGHT}, {@code l_<k>_h2h_WEIGHT}, {@code l_<k>_i2h_BIAS},
 * {@code l_<k>_h2h_BIAS}: audiocraft's {@code lstm.weight_ih_l<k>}, {@code weight_hh_l<k>},
 * {@code bias_ih_l<k>}, {@code bias_hh_l<k>}, same shapes.
 */
public final class SeanetLstm extends AbstractBlock implements SeededParameters {

    private static final byte VERSION = 1;

    private final int channels;
    private final int layers;
    private final LSTM lstm;

    /**
     * @param channels C (input and hidden size)
     * @param layers stacked LSTM layers (≥ 1)
     */
    public SeanetLstm(int channels, int layers) {
        super(VERSION);
        if (layers < 1) {
            throw new IllegalArgumentException("LSTM layers must be at least 1, not " + layers);
        }
        this.channels = channels;
        this.layers = layers;
        lstm = addChildBlock("lstm", LSTM.builder()
                .setStateSize(channels)
                .setNumLayers(layers)
                .optBatchFirst(true)
                .optReturnState(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow().transpose(0, 2, 1);
        NDArray y = lstm.forward(ps, new NDList(x), training).head();
        // not in place: the LSTM's backward needs its output unchanged
        NDArray sum = y.add(x);
        NDArray out = sum.transpose(0, 2, 1);
        if (SeanetConv1d.freeable(training, out)) {
            SeanetConv1d.closeAll(x, y, sum); // x and out are views: only their handles go
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        lstm.initialize(manager, dataType, new Shape(in.get(0), in.get(2), in.get(1)));
    }

    /** PyTorch's default: every weight and bias uniform in ±1/√C. */
    @Override
    public void resetParameters(Random random) {
        double bound = 1.0 / Math.sqrt(channels);
        for (Parameter p : lstm.getParameters().values()) {
            NDArray a = p.getArray();
            a.set(SeededValues.uniform(random, Math.toIntExact(a.size()), bound));
        }
    }

    @Override
    public String toString() {
        return "SeanetLstm(" + channels + ", " + layers + " layers)";
    }
}
