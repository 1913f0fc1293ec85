package studio.codebook.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.device.ComputeDevice;

/** Reseeding makes two quantizers built with different seeds draw the same k-means centres and dropouts. */
class QuantizerReseedTest {

    private static float[] trainedEntries(NDManager manager, QuantizerConfig config, long buildSeed, Long reseed) {
        Quantizer q = Quantizer.create(config, buildSeed);
        q.initialize(manager, DataType.FLOAT32, new Shape(2, config.dimension(), 50));
        if (reseed != null) {
            q.reseed(reseed);
        }
        Random data = new Random(3);
        float[] x = new float[2 * config.dimension() * 50];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray latent = scope.create(x, new Shape(2, config.dimension(), 50));
            for (int i = 0; i < 3; i++) {
                q.quantize(new ParameterStore(scope, false), latent, true);
            }
        }
        return q.getParameters().get(0).getValue().getArray().toFloatArray();
    }

    @Test
    void reseedingMakesTheDrawsOfDifferentlySeededQuantizersEqual() {
        try (NDManager manager = NDManager.newBaseManager(ComputeDevice.ENGINE)) {
            for (QuantizerConfig config : new QuantizerConfig[] {
                QuantizerConfig.rvq(2, 16, 4).withDropout(0.5), QuantizerConfig.pvq(2, 16, 4).withDropout(0.5)}) {
                float[] a = trainedEntries(manager, config, 1, null);
                float[] b = trainedEntries(manager, config, 2, null);
                assertFalse(Arrays.equals(a, b), "different seeds should draw differently");
                assertArrayEquals(trainedEntries(manager, config, 1, 77L), trainedEntries(manager, config, 2, 77L));
            }
        }
    }
}
