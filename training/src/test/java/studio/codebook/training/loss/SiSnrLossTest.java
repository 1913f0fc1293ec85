package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiSnrLossTest {

    private static final int N = 800;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** a·sin + b·cos over whole periods: zero mean, the cosine orthogonal to the sine, ‖sin‖² = ‖cos‖² = N/2. */
    private static float[] mix(double a, double b, double offset) {
        float[] x = new float[N];
        for (int n = 0; n < N; n++) {
            double phase = 2 * Math.PI * 4 * n / N;
            x[n] = (float) (a * Math.sin(phase) + b * Math.cos(phase) + offset);
        }
        return x;
    }

    private NDArray rows(float[]... rows) {
        float[] flat = new float[rows.length * N];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * N, N);
        }
        return manager.create(flat, new Shape(rows.length, 1, N));
    }

    @Test
    void matchesTheHandComputationOnOrthogonalSignals() {
        // row 1: estimate 2·r + 0.5·o → SI-SNR = 10·log10(4 / 0.25) = 12.041 dB; row 2: r + o → 0 dB.
        // A constant offset on the estimate (removed by centring) and a gain (removed by the projection)
        // change nothing.
        NDArray reference = rows(mix(1, 0, 0), mix(1, 0, 0));
        NDArray estimate = rows(mix(2 * 3, 0.5 * 3, 0.7), mix(1, 1, -0.2));
        double expected = -(10 * Math.log10(16) + 0) / 2;
        double loss = SiSnrLoss.compute(estimate, reference).getFloat();
        assertEquals(expected, loss, 1e-3);
        assertEquals(-6.0206, loss, 1e-3);
        // and it agrees with the evaluation metric, row by row
        double metric = (AudioMetrics.siSnr(mix(6, 1.5, 0.7), mix(1, 0, 0))
                + AudioMetrics.siSnr(mix(1, 1, -0.2), mix(1, 0, 0))) / 2;
        assertEquals(-metric, loss, 1e-3);
    }

    @Test
    void onlyTheEstimateReceivesGradientsAndAStepAlongThemRaisesTheSnr() {
        NDArray reference = rows(mix(1, 0, 0));
        NDArray estimate = rows(mix(1, 1, 0));
        reference.setRequiresGradient(true);
        estimate.setRequiresGradient(true);
        double before;
        NDArray grad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = SiSnrLoss.compute(estimate, reference);
            before = loss.getFloat();
            gc.backward(loss);
        }
        grad = estimate.getGradient().duplicate();
        assertEquals(0.0, reference.getGradient().abs().max().getFloat(), 0.0);
        assertTrue(grad.abs().max().getFloat() > 0);
        NDArray moved = estimate.stopGradient().sub(grad.mul(10f));
        double after = SiSnrLoss.compute(moved, reference).getFloat();
        assertTrue(after < before, before + " -> " + after);
    }

    @Test
    void theReconstructionLossAddsItWithItsWeight() {
        ReconstructionConfig config = new ReconstructionConfig(0.1, 2.0, List.of(32, 64), 16, 64, 0.5);
        NDArray reference = rows(mix(1, 0, 0));
        NDArray estimate = rows(mix(1, 0.3, 0));
        NDList out = new ReconstructionLoss(16000, config).compute(estimate, reference);
        double total = out.get(0).getFloat();
        double l1 = out.get(1).getFloat();
        double mel = out.get(2).getFloat();
        double sisnr = out.get(3).getFloat();
        assertEquals(-10 * Math.log10(1 / 0.09), sisnr, 1e-3);
        assertEquals(0.1 * l1 + 2.0 * mel + 0.5 * sisnr, total, 1e-5);
        NDList off = new ReconstructionLoss(16000, config.withWeights(0.1, 2.0, 0)).compute(estimate, reference);
        assertEquals(0.1 * l1 + 2.0 * mel, off.get(0).getFloat(), 1e-5);
    }
}
