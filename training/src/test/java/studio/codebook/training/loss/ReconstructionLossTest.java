package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconstructionLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray noise(Random r, int b, int length, double scale) {
        float[] v = new float[b * length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return manager.create(v, new Shape(b, 1, length));
    }

    @Test
    void partsCombineAndMatchAJavaComputation() {
        Random r = new Random(2);
        ReconstructionConfig config = new ReconstructionConfig(0.1, 2.0, List.of(32, 64), 16, 64);
        ReconstructionLoss loss = new ReconstructionLoss(16000, config);
        NDArray target = noise(r, 2, 200, 0.3);
        NDArray recon = target.add(noise(r, 2, 200, 0.05));
        NDList out = loss.compute(recon, target);
        double total = out.get(0).getFloat();
        double l1 = out.get(1).getFloat();
        double mel = out.get(2).getFloat();
        assertEquals(0.1 * l1 + 2.0 * mel, total, 1e-6);
        float[] x = recon.toFloatArray();
        float[] y = target.toFloatArray();
        double expectedL1 = 0;
        for (int i = 0; i < x.length; i++) {
            expectedL1 += Math.abs(x[i] - y[i]) / x.length;
        }
        assertEquals(expectedL1, l1, 1e-6);
        // msspec in plain Java from the naive mel
        double expectedMel = 0;
        for (int n : new int[] {32, 64}) {
            double linear = 0;
            double log = 0;
            int count = 0;
            for (int b = 0; b < 2; b++) {
                double[][] mx = MelSpectrogramTest.naiveMel(java.util.Arrays.copyOfRange(x, b * 200, b * 200 + 200), 16000, n, 16, 64);
                double[][] my = MelSpectrogramTest.naiveMel(java.util.Arrays.copyOfRange(y, b * 200, b * 200 + 200), 16000, n, 16, 64);
                for (int m = 0; m < 16; m++) {
                    for (int t = 0; t < mx[m].length; t++) {
                        linear += Math.abs(mx[m][t] - my[m][t]);
                        double d = Math.log10(1e-5 + mx[m][t]) - Math.log10(1e-5 + my[m][t]);
                        log += d * d;
                        count++;
                    }
                }
            }
            expectedMel += (linear + log) / count;
        }
        expectedMel /= 4;
        assertEquals(expectedMel, mel, 1e-4 * expectedMel);
        System.out.printf("reconstruction: total %.5f, l1 %.5f, mel %.5f (Java %.5f)%n", total, l1, mel, expectedMel);

        NDList same = loss.compute(target, target);
        assertEquals(0, same.get(0).getFloat(), 0);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(recon, target.get(":, :, :100")));
    }

    @Test
    void theLinearStftTermAddsItsWeightTimesTheLogMagnitudeDistance() {
        Random r = new Random(5);
        ReconstructionConfig plain = new ReconstructionConfig(0.1, 2.0, List.of(32, 64), 16, 64);
        NDArray target = noise(r, 2, 200, 0.3);
        NDArray recon = target.add(noise(r, 2, 200, 0.05));
        double without = new ReconstructionLoss(16000, plain).compute(recon, target).get(0).getFloat();
        NDList out = new ReconstructionLoss(16000, plain.withStftWeight(1.5)).compute(recon, target);
        float[] x = recon.toFloatArray();
        float[] y = target.toFloatArray();
        double expected = 0;
        for (int n : new int[] {32, 64}) {
            double sum = 0;
            int count = 0;
            for (int b = 0; b < 2; b++) {
                double[][] px = MelSpectrogramTest.naivePower(java.util.Arrays.copyOfRange(x, b * 200, b * 200 + 200), n);
                double[][] py = MelSpectrogramTest.naivePower(java.util.Arrays.copyOfRange(y, b * 200, b * 200 + 200), n);
                for (int t = 0; t < px.length; t++) {
                    for (int f = 0; f < px[t].length; f++) {
                        sum += 0.5 * Math.abs(Math.log(1e-5 + px[t][f]) - Math.log(1e-5 + py[t][f]));
                        count++;
                    }
                }
            }
            expected += sum / count / 2; // averaged over the two scales
        }
        assertTrue(expected > 0.01, "the reconstruction differs, so the distance is not small: " + expected);
        assertEquals(without + 1.5 * expected, out.get(0).getFloat(), 2e-4 * (without + 1.5 * expected));
        // the other parts do not change
        assertEquals(new ReconstructionLoss(16000, plain).compute(recon, target).get(2).getFloat(),
                out.get(2).getFloat(), 0);
        assertEquals(0, new ReconstructionLoss(16000, plain.withStftWeight(1.5)).compute(target, target).get(0)
                .getFloat(), 0);
    }

    @Test
    void aConfigurationWrittenBeforeTheStftTermReadsWithWeightZero() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ReconstructionConfig old = json.readValue("{\"l1Weight\":0.1,\"melWeight\":2.0,\"fftSizes\":[64,128],"
                + "\"mels\":64,\"minHz\":64.0,\"siSnrWeight\":0.02}", ReconstructionConfig.class);
        assertEquals(0.0, old.stftWeight());
        assertEquals(0.02, old.siSnrWeight());
        ReconstructionConfig back = json.readValue(json.writeValueAsString(old.withStftWeight(0.7)),
                ReconstructionConfig.class);
        assertEquals(0.7, back.stftWeight());
    }

    @Test
    void gradientsFlowToTheReconstructionOnly() {
        Random r = new Random(3);
        ReconstructionLoss loss = new ReconstructionLoss(16000, ReconstructionConfig.defaults());
        NDArray target = noise(r, 2, 4000, 0.3);
        NDArray recon = target.add(noise(r, 2, 4000, 0.1));
        recon.setRequiresGradient(true);
        NDList out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            out = loss.compute(recon, target);
            gc.backward(out.get(0));
        }
        float[] g = recon.getGradient().toFloatArray();
        double norm = 0;
        for (float v : g) {
            assertTrue(Float.isFinite(v));
            norm += v * v;
        }
        assertTrue(norm > 0);
        // a small step against the gradient lowers the loss
        NDArray stepped = recon.stopGradient().sub(recon.getGradient().mul((float) (1e-3 / Math.sqrt(norm))));
        double after = loss.compute(stepped, target).get(0).getFloat();
        System.out.printf("reconstruction loss %.6f → %.6f after a small gradient step%n", out.get(0).getFloat(), after);
        assertTrue(after < out.get(0).getFloat());
    }
}
