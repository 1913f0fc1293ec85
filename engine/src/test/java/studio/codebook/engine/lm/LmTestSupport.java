package studio.codebook.engine.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;

/** Model and input construction shared by the LM tests. */
final class LmTestSupport {

    private LmTestSupport() {}

    static TransformerLm model(NDManager manager, LmConfig config, long seed) {
        TransformerLm lm = TransformerLm.builder().setConfig(config).optSeed(seed).build();
        lm.initialize(manager, DataType.FLOAT32, new Shape(2, config.codebooks(), 8), new Shape(2, 5, config.dim()),
                new Shape(2, 5));
        return lm;
    }

    /** Random tokens in [0, card] (the special token included), int64 [b, K, s]. */
    static NDArray tokens(NDManager manager, LmConfig config, Random random, int b, int s) {
        long[] values = new long[b * config.codebooks() * s];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(config.cardinality() + 1);
        }
        return manager.create(values, new Shape(b, config.codebooks(), s));
    }

    static NDArray text(NDManager manager, LmConfig config, Random random, int b, int l) {
        float[] values = new float[b * l * config.dim()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(b, l, config.dim()));
    }

    /** Row 0: first 3 of 5 valid; row 1: positions 0, 2, 3 valid (for l = 5). */
    static NDArray mask(NDManager manager, float[] values, int b, int l) {
        return manager.create(values, new Shape(b, l));
    }

    static float[] partialMask() {
        return new float[] {1, 1, 1, 0, 0, 1, 0, 1, 1, 0};
    }

    static NDArray forward(TransformerLm lm, NDManager manager, NDArray tokens, NDArray text, NDArray mask) {
        return lm.forward(new ParameterStore(manager, false), new NDList(tokens, text, mask), false).head();
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            float d = Math.abs(a[i] - b[i]);
            if (!(d <= max)) {
                max = Float.isNaN(d) ? Float.NaN : d;
                if (Float.isNaN(d)) {
                    return d;
                }
            }
        }
        return max;
    }
}
