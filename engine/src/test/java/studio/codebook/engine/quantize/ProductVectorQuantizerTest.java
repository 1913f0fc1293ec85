package studio.codebook.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductVectorQuantizerTest {

    private static final int K = 4;
    private static final int D = 16;
    private static final int SUB = D / K;
    private static final int SIZE = 16;

    private NDManager manager;
    private ParameterStore ps;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        ps = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ProductVectorQuantizer pvq(double dropout, long seed) {
        QuantizerConfig config = new QuantizerConfig(QuantizerConfig.PVQ, K, SIZE, D, 0.99, 1e-5, 10, 2.0, 1.0, dropout);
        ProductVectorQuantizer q = (ProductVectorQuantizer) Quantizer.create(config, seed);
        q.initialize(manager, DataType.FLOAT32, new Shape(4, D, 32));
        return q;
    }

    private ProductVectorQuantizer trained(ClusteredData data, int steps) {
        ProductVectorQuantizer q = pvq(0, 1);
        for (int i = 0; i < steps; i++) {
            q.quantize(ps, data.latent(manager, 4, 32), true);
        }
        return q;
    }

    @Test
    void eachSubVectorHasItsOwnCodebookOfDOverKDimensions() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.1, 41);
        ProductVectorQuantizer q = trained(data, 5);
        assertEquals(SUB, q.subDimension());
        for (int k = 0; k < K; k++) {
            assertEquals(new Shape(SIZE, SUB), q.codebook(k).entries(ps, manager.getDevice()).getShape());
        }
        NDArray x = data.latent(manager, 2, 16);
        NDArray codes = q.encode(ps, x, K);
        // move sub-vector 1 (channels 4..7) far from where it was: only codebook 1's codes change
        NDArray moved = x.duplicate();
        moved.set(new NDIndex(":, {}:{}, :", SUB, 2 * SUB), x.get(new NDIndex(":, {}:{}, :", SUB, 2 * SUB)).neg());
        NDArray movedCodes = q.encode(ps, moved, K);
        for (int k = 0; k < K; k++) {
            long[] a = codes.get(new NDIndex(":, {}, :", k)).toLongArray();
            long[] b = movedCodes.get(new NDIndex(":, {}, :", k)).toLongArray();
            if (k == 1) {
                assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
            } else {
                assertArrayEquals(a, b, "codebook " + k + " changed");
            }
        }
        // codebook k's codes are exactly its nearest entries for sub-vector k
        for (int k = 0; k < K; k++) {
            NDArray sub = AbstractQuantizer.frames(x.get(new NDIndex(":, {}:{}, :", k * SUB, (k + 1) * SUB)));
            assertArrayEquals(q.codebook(k).encode(ps, sub).toLongArray(),
                    codes.get(new NDIndex(":, {}, :", k)).reshape(-1).toLongArray());
        }
    }

    @Test
    void reachesLowDistortionAndDecodesFewerCodebooksWithZeros() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.1, 42);
        ProductVectorQuantizer q = trained(data, 10);
        NDArray x = data.latent(manager, 4, 64);
        NDArray all = q.encode(ps, x, K);
        QuantizedLatent eval = q.quantize(ps, x, false);
        assertArrayEquals(eval.quantized().toFloatArray(), q.decode(ps, all).toFloatArray());
        double relative = ClusteredData.mse(eval.quantized(), x) / ClusteredData.meanSquare(x);
        System.out.printf("PVQ relative MSE on 8 clusters: %.5f%n", relative);
        assertTrue(relative < 0.05, "relative MSE " + relative);
        for (int k = 1; k < K; k++) {
            NDArray first = q.encode(ps, x, k);
            assertArrayEquals(all.get(new NDIndex(":, 0:{}, :", k)).toLongArray(), first.toLongArray());
            NDArray decoded = q.decode(ps, first);
            assertEquals(new Shape(4, D, 64), decoded.getShape());
            assertArrayEquals(eval.quantized().get(new NDIndex(":, 0:{}, :", k * SUB)).toFloatArray(),
                    decoded.get(new NDIndex(":, 0:{}, :", k * SUB)).toFloatArray());
            for (float v : decoded.get(new NDIndex(":, {}:, :", k * SUB)).toFloatArray()) {
                assertEquals(0f, v, 0f);
            }
        }
    }

    @Test
    void gradientPassesStraightThroughEverySubVector() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 43);
        ProductVectorQuantizer q = trained(data, 2);
        NDArray latent = data.latent(manager, 2, 16);
        latent.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(q.quantize(ps, latent, true).quantized().sum());
        }
        for (float g : latent.getGradient().toFloatArray()) {
            assertEquals(1f, g, 0f);
        }
    }

    @Test
    void hierarchicalDropoutKeepsTheFirstCodebooksAndZeroesTheRest() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 44);
        ProductVectorQuantizer q = pvq(1.0, 7);
        ProductVectorQuantizer never = pvq(0.0, 7);
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 60; i++) {
            NDArray x = data.latent(manager, 2, 16);
            x.setRequiresGradient(true);
            QuantizedLatent out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = q.quantize(ps, x, true);
                gc.backward(out.quantized().sum());
            }
            int n = out.codebooksUsed();
            seen.add(n);
            assertEquals(new Shape(2, n, 16), out.codes().getShape());
            if (n < K) {
                for (float v : out.quantized().get(new NDIndex(":, {}:, :", n * SUB)).toFloatArray()) {
                    assertEquals(0f, v, 0f);
                }
                // dropped channels get no gradient, kept ones the identity
                for (float g : x.getGradient().get(new NDIndex(":, {}:, :", n * SUB)).toFloatArray()) {
                    assertEquals(0f, g, 0f);
                }
            }
            for (float g : x.getGradient().get(new NDIndex(":, 0:{}, :", n * SUB)).toFloatArray()) {
                assertEquals(1f, g, 0f);
            }
            assertEquals(K, never.quantize(ps, x, true).codebooksUsed());
            assertEquals(K, q.quantize(ps, x, false).codebooksUsed());
        }
        assertEquals(Set.of(1, 2, 3, 4), seen);
    }

    @Test
    void streamsAreSubVectorsAndTheirCodewordsWithoutUpdates() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 45);
        ProductVectorQuantizer q = trained(data, 3);
        NDArray latent = data.latent(manager, 2, 16);
        NDArray decoded = q.decode(ps, q.encode(ps, latent, K));
        for (StreamKind kind : StreamKind.values()) {
            float[][] before = ClusteredData.snapshot(q);
            QuantizerChecks.StreamsAndGradient result = QuantizerChecks.streamsWithGradient(q, ps, latent, kind);
            NDList streams = result.streams();
            assertEquals(K, streams.size());
            for (int k = 0; k < K; k++) {
                NDIndex sub = new NDIndex(":, {}:{}, :", k * SUB, (k + 1) * SUB);
                NDArray expected = switch (kind) {
                    case CODEWORD -> decoded.get(sub);
                    case STAGE_INPUT -> latent.get(sub);
                    case STAGE_RESIDUAL -> latent.get(sub).sub(decoded.get(sub));
                };
                assertEquals(new Shape(2, SUB, 16), streams.get(k).getShape());
                assertArrayEquals(expected.toFloatArray(), streams.get(k).toFloatArray(), kind + " stream " + k);
            }
            for (float g : result.latentGradient().toFloatArray()) {
                assertEquals(1f, g, 0f, kind.id());
            }
            QuantizerChecks.assertParameters(before, q, kind.id());
        }
    }

    @Test
    void sameSeedAndDataGiveIdenticalCodebooks() {
        ClusteredData d1 = new ClusteredData(8, D, 2.0, 0.3, 46);
        ClusteredData d2 = new ClusteredData(8, D, 2.0, 0.3, 46);
        ProductVectorQuantizer a = pvq(0.5, 3);
        ProductVectorQuantizer b = pvq(0.5, 3);
        for (int i = 0; i < 3; i++) {
            a.quantize(ps, d1.latent(manager, 2, 16), true);
            b.quantize(ps, d2.latent(manager, 2, 16), true);
        }
        QuantizerChecks.assertParameters(ClusteredData.snapshot(a), b, "same seed and data");
        assertFalse(a.getParameters().values().stream().anyMatch(p -> p.requiresGradient()));
    }

    @Test
    void repeatedCallsDoNotAccumulateArrays() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 47);
        ProductVectorQuantizer q = pvq(0.5, 3);
        QuantizerChecks.assertNoArraysAccumulate(q, manager, ps, data.latent(manager, 2, 16));
    }
}
