package studio.codebook.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Prints the cost of encoding and decoding 10 s of latent (50 frames/s, D = 128) with 4 codebooks of
 * 1024 entries, on however many torch threads the run uses (Surefire: 1). Never asserts a time.
 */
class QuantizerTimingTest {

    @Test
    void printsEncodeAndDecodeTimesForTenSecondsOfLatent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(manager, false);
            for (String kind : new String[] {QuantizerConfig.RVQ, QuantizerConfig.PVQ}) {
                QuantizerConfig config = new QuantizerConfig(kind, 4, 1024, 128, 0.99, 1e-5, 0, 2.0, 1.0, 0);
                Quantizer q = Quantizer.create(config, 1);
                q.initialize(manager, DataType.FLOAT32, new Shape(1, 128, 500));
                NDArray latent = manager.randomNormal(new Shape(1, 128, 500));
                q.quantize(ps, latent, true); // initialises the codebooks from this batch
                NDArray codes = q.encode(ps, latent, 4);
                assertEquals(new Shape(1, 4, 500), codes.getShape());
                double encodeMs = medianMillis(() -> q.encode(ps, latent, 4));
                double decodeMs = medianMillis(() -> q.decode(ps, codes));
                double trainMs = medianMillis(() -> q.quantize(ps, latent, true).quantized());
                System.out.printf(
                        "%s K=4x1024 D=128, [1,128,500] (10 s at 50 fps), torch threads=%s: encode %.2f ms, decode %.2f ms, "
                                + "training quantize %.2f ms (median of 15)%n",
                        kind, System.getProperty("ai.djl.pytorch.num_threads", "default"), encodeMs, decodeMs, trainMs);
            }
        }
    }

    private static double medianMillis(Supplier<NDArray> call) {
        for (int i = 0; i < 5; i++) {
            call.get().close();
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            NDArray out = call.get();
            out.toType(DataType.FLOAT32, false).getFloat(0, 0, 0); // force completion (CPU is synchronous anyway)
            ms[i] = (System.nanoTime() - t0) / 1e6;
            out.close();
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
