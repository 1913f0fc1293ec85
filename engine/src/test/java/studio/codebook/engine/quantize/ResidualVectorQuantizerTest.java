package studio.codebook.engine.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResidualVectorQuantizerTest {

    private static final int K = 4;
    private static final int D = 8;
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

    private static QuantizerConfig config(double dropout) {
        return new QuantizerConfig(QuantizerConfig.RVQ, K, SIZE, D, 0.99, 1e-5, 10, 2.0, 1.0, dropout);
    }

    private ResidualVectorQuantizer rvq(double dropout, long seed) {
        ResidualVectorQuantizer q = ResidualVectorQuantizer.builder().setConfig(config(dropout)).optSeed(seed).build();
        q.initialize(manager, DataType.FLOAT32, new Shape(4, D, 32));
        return q;
    }

    /** A quantizer trained for a few batches of 8-cluster data. */
    private ResidualVectorQuantizer trained(ClusteredData data, int steps) {
        ResidualVectorQuantizer q = rvq(0, 1);
        for (int i = 0; i < steps; i++) {
            q.quantize(ps, data.latent(manager, 4, 32), true);
        }
        return q;
    }

    @Test
    void createBuildsTheKindTheConfigurationNames() {
        assertInstanceOf(ResidualVectorQuantizer.class, Quantizer.create(QuantizerConfig.rvq(2, 8, 4), 0));
        assertInstanceOf(ProductVectorQuantizer.class, Quantizer.create(QuantizerConfig.pvq(2, 8, 4), 0));
        assertThrows(IllegalArgumentException.class,
                () -> ResidualVectorQuantizer.builder().setConfig(QuantizerConfig.pvq(2, 8, 4)).build());
    }

    @Test
    void parametersAreNamedPerCodebookAndNeedNoGradient() {
        ResidualVectorQuantizer q = ResidualVectorQuantizer.builder().setConfig(QuantizerConfig.rvq(2, 8, D)).build();
        q.initialize(manager, DataType.FLOAT32, new Shape(1, D, 5));
        assertEquals(
                List.of("01codebook_entries", "01codebook_cluster_sizes", "01codebook_sums", "01codebook_initialised",
                        "02codebook_entries", "02codebook_cluster_sizes", "02codebook_sums", "02codebook_initialised"),
                q.getParameters().keys());
        for (Parameter p : q.getParameters().values()) {
            assertFalse(p.requiresGradient(), p.getName());
        }
        Shape[] out = q.getOutputShapes(new Shape[] {new Shape(3, D, 7)});
        assertEquals(new Shape(3, D, 7), out[0]);
        assertEquals(new Shape(3, 2, 7), out[1]);
        assertEquals(new Shape(), out[2]);
    }

    @Test
    void distortionFallsWithEveryStage() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 21);
        ResidualVectorQuantizer q = trained(data, 8);
        NDArray x = data.latent(manager, 4, 64);
        double previous = ClusteredData.meanSquare(x);
        StringBuilder report = new StringBuilder();
        for (int k = 1; k <= K; k++) {
            double mse = ClusteredData.mse(q.decode(ps, q.encode(ps, x, k)), x);
            report.append(String.format(" k=%d:%.5f", k, mse));
            assertTrue(mse < previous, "stage " + k + " did not reduce distortion:" + report);
            previous = mse;
        }
        System.out.println("RVQ distortion by stages:" + report);
    }

    @Test
    void kmeansAndEmaReachLowDistortionOnClusteredData() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.1, 22);
        ResidualVectorQuantizer q = trained(data, 10);
        NDArray x = data.latent(manager, 4, 64);
        double relative = ClusteredData.mse(q.decode(ps, q.encode(ps, x, 1)), x) / ClusteredData.meanSquare(x);
        System.out.printf("RVQ one-stage relative MSE on 8 clusters: %.5f%n", relative);
        assertTrue(relative < 0.05, "relative MSE " + relative);
    }

    @Test
    void quantizedPassesGradientStraightThrough() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 23);
        ResidualVectorQuantizer q = trained(data, 2);
        NDArray latent = data.latent(manager, 2, 16);
        QuantizedLatent before = q.quantize(ps, latent, false); // the entries the training call assigns with
        latent.setRequiresGradient(true);
        QuantizedLatent out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            out = q.quantize(ps, latent, true);
            gc.backward(out.quantized().sum());
        }
        float[] grad = latent.getGradient().toFloatArray();
        for (float g : grad) {
            assertEquals(1f, g, 0f);
        }
        // forward value is Σq up to the rounding of x + (Σq − x)
        NDArray codes = out.codes();
        assertEquals(new Shape(2, K, 16), codes.getShape());
        assertEquals(DataType.INT64, codes.getDataType());
        assertArrayEquals(before.codes().toLongArray(), codes.toLongArray());
        assertEquals(0, ClusteredData.mse(out.quantized(), before.quantized()), 1e-10);
    }

    @Test
    void commitmentLossAveragesStagesAndFollowsAudiocraftsGradient() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 24);
        ResidualVectorQuantizer q = trained(data, 3);
        NDArray latent = data.latent(manager, 2, 16);
        NDArray codes = q.encode(ps, latent, K);
        // expected value: mean over stages of MSE(residual entering k, q_k)
        NDArray r = AbstractQuantizer.frames(latent);
        double expected = 0;
        for (int k = 0; k < K; k++) {
            NDArray qk = q.codebook(k).decode(ps, codes.get(new NDIndex(":, {}, :", k)).reshape(-1));
            expected += ClusteredData.mse(r, qk) / K;
            r = r.sub(qk);
        }
        QuantizedLatent eval = q.quantize(ps, latent, false);
        assertEquals(expected, eval.commitmentLoss().getFloat(), 1e-5 * expected);
        assertEquals(new Shape(), eval.commitmentLoss().getShape());

        // gradient: only stage 1's term reaches the latent (default), all terms with the option
        NDArray q1 = q.codebook(0).decode(ps, codes.get(new NDIndex(":, 0, :")).reshape(-1));
        NDArray x = AbstractQuantizer.frames(latent);
        float[] stage1 = x.sub(q1).mul((float) (2.0 / x.size() / K)).toFloatArray();
        latent.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(q.quantize(ps, latent, false).commitmentLoss());
        }
        float[] grad = AbstractQuantizer.frames(latent.getGradient()).toFloatArray();
        for (int i = 0; i < grad.length; i++) {
            assertEquals(stage1[i], grad[i], 1e-6);
        }
    }

    @Test
    void encodeAndDecodeAgreeWithEvalQuantize() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 25);
        ResidualVectorQuantizer q = trained(data, 3);
        NDArray x = data.latent(manager, 3, 20);
        NDArray all = q.encode(ps, x, K);
        QuantizedLatent eval = q.quantize(ps, x, false);
        assertEquals(K, eval.codebooksUsed());
        assertArrayEquals(eval.codes().toLongArray(), all.toLongArray());
        assertArrayEquals(eval.quantized().toFloatArray(), q.decode(ps, all).toFloatArray());
        for (int k = 1; k < K; k++) {
            NDArray first = q.encode(ps, x, k);
            assertEquals(new Shape(3, k, 20), first.getShape());
            assertArrayEquals(all.get(new NDIndex(":, 0:{}, :", k)).toLongArray(), first.toLongArray());
        }
        assertThrows(IllegalArgumentException.class, () -> q.encode(ps, x, K + 1));
        assertThrows(IllegalArgumentException.class, () -> q.encode(ps, x, 0));
    }

    @Test
    void streamsHaveStageValuesAndGradientsAndLeaveTheCodebooksAlone() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 26);
        ResidualVectorQuantizer q = trained(data, 3);
        NDArray latent = data.latent(manager, 2, 16);
        NDArray codes = q.encode(ps, latent, K);
        NDArray[] codewords = new NDArray[K];
        NDArray[] inputs = new NDArray[K];
        NDArray r = AbstractQuantizer.frames(latent);
        for (int k = 0; k < K; k++) {
            NDArray qk = q.codebook(k).decode(ps, codes.get(new NDIndex(":, {}, :", k)).reshape(-1));
            codewords[k] = AbstractQuantizer.unframes(qk, 2, 16);
            inputs[k] = AbstractQuantizer.unframes(r, 2, 16);
            r = r.sub(qk);
        }
        for (StreamKind kind : StreamKind.values()) {
            float[][] before = ClusteredData.snapshot(q);
            QuantizerChecks.StreamsAndGradient result = QuantizerChecks.streamsWithGradient(q, ps, latent, kind);
            NDList streams = result.streams();
            assertEquals(K, streams.size());
            for (int k = 0; k < K; k++) {
                NDArray s = streams.get(k);
                assertEquals(new Shape(2, D, 16), s.getShape(), kind + " stream " + k);
                NDArray expected = switch (kind) {
                    case CODEWORD -> codewords[k];
                    case STAGE_INPUT -> inputs[k];
                    case STAGE_RESIDUAL -> k + 1 < K ? inputs[k + 1] : inputs[k].sub(codewords[k]);
                };
                assertArrayEquals(expected.toFloatArray(), s.toFloatArray(), kind + " stream " + k);
            }
            // every stream carries the identity gradient to the latent
            for (float g : result.latentGradient().toFloatArray()) {
                assertEquals(K, g, 0f, kind.id());
            }
            QuantizerChecks.assertParameters(before, q, kind.id());
        }
    }

    @Test
    void quantizerDropoutPicksOneToKStagesInTrainingOnly() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 27);
        ResidualVectorQuantizer always = rvq(1.0, 5);
        ResidualVectorQuantizer never = rvq(0.0, 5);
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 60; i++) {
            NDArray x = data.latent(manager, 2, 16);
            QuantizedLatent out = always.quantize(ps, x, true);
            seen.add(out.codebooksUsed());
            assertEquals(new Shape(2, out.codebooksUsed(), 16), out.codes().getShape());
            assertEquals(K, never.quantize(ps, x, true).codebooksUsed());
            assertEquals(K, always.quantize(ps, x, false).codebooksUsed());
        }
        assertEquals(Set.of(1, 2, 3, 4), seen);
    }

    @Test
    void sameSeedAndDataGiveIdenticalCodebooks() {
        ClusteredData d1 = new ClusteredData(8, D, 2.0, 0.3, 28);
        ClusteredData d2 = new ClusteredData(8, D, 2.0, 0.3, 28);
        ResidualVectorQuantizer a = rvq(0.5, 9);
        ResidualVectorQuantizer b = rvq(0.5, 9);
        ResidualVectorQuantizer c = rvq(0.5, 10);
        for (int i = 0; i < 4; i++) {
            NDArray x1 = d1.latent(manager, 2, 16);
            NDArray x2 = d2.latent(manager, 2, 16);
            a.quantize(ps, x1, true);
            b.quantize(ps, x2, true);
            c.quantize(ps, x1, true);
        }
        float[][] sa = ClusteredData.snapshot(a);
        QuantizerChecks.assertParameters(sa, b, "same seed and data");
        assertNotEquals(java.util.Arrays.toString(sa[0]), java.util.Arrays.toString(ClusteredData.snapshot(c)[0]));
    }

    @Test
    void repeatedCallsDoNotAccumulateArrays() {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 29);
        ResidualVectorQuantizer q = rvq(0.5, 3);
        QuantizerChecks.assertNoArraysAccumulate(q, manager, ps, data.latent(manager, 2, 16));
    }

    @Test
    void savesAndRestoresItsStateByName() throws Exception {
        ClusteredData data = new ClusteredData(8, D, 2.0, 0.3, 30);
        ResidualVectorQuantizer q = trained(data, 2);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        q.saveParameters(new java.io.DataOutputStream(bytes));
        ResidualVectorQuantizer restored = ResidualVectorQuantizer.builder().setConfig(config(0)).optSeed(99).build();
        restored.loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        ParameterStore fresh = new ParameterStore(manager, false);
        assertTrue(restored.codebook(0).isCodebookInitialised(fresh, manager.getDevice()));
        NDArray x = data.latent(manager, 2, 16);
        assertArrayEquals(q.encode(ps, x, K).toLongArray(), restored.encode(fresh, x, K).toLongArray());
        // a loaded, initialised codebook is not re-initialised by training
        float[] before = restored.codebook(0).entries(fresh, manager.getDevice()).toFloatArray();
        assertFalse(restored.codebook(0).initialiseIfNeeded(fresh, AbstractQuantizer.frames(x)));
        assertArrayEquals(before, restored.codebook(0).entries(fresh, manager.getDevice()).toFloatArray());
    }
}
