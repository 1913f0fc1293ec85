package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codebook.training.loss.AdversarialConfig.GeneratorLoss;

class AdversarialLossTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray of(float... v) {
        return manager.create(v, new Shape(1, 1, 1, v.length));
    }

    @Test
    void hingeLossesOnHandMadeLogits() {
        // scale 0: real relu(1 − x) = 0, 0.5, 2 → 2.5/3; fake relu(1 + x) = 0, 1, 2 → 1
        // scale 1: real all above 1 → 0; fake all below −1 → 0
        List<NDArray> real = List.of(of(2f, 0.5f, -1f), of(1.5f, 3f));
        List<NDArray> fake = List.of(of(-2f, 0f, 1f), of(-1.5f, -4f));
        assertEquals((2.5 / 3 + 1 + 0) / 2, AdversarialLoss.discriminator(real, fake).getFloat(), 1e-6);

        List<NDArray> gen = List.of(of(-1f, 0.5f, 3f), of(2f, 2f));
        // margin: relu(1 − x) = 2, 0.5, 0 → 2.5/3, and 0 on the second scale
        assertEquals((2.5 / 3 + 0) / 2, AdversarialLoss.generator(gen, GeneratorLoss.HINGE_MARGIN).getFloat(), 1e-6);
        // linear: −mean x = −2.5/3 and −2
        assertEquals((-2.5 / 3 - 2) / 2, AdversarialLoss.generator(gen, GeneratorLoss.HINGE_LINEAR).getFloat(), 1e-6);
    }

    @Test
    void featureMatchingIsZeroForIdenticalFeaturesAndRelativeOtherwise() {
        Random r = new Random(4);
        NDArray a = manager.randomNormal(0, 1, new Shape(2, 3, 4, 5), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray b = manager.randomNormal(0, 5, new Shape(2, 3, 2, 3), ai.djl.ndarray.types.DataType.FLOAT32);
        List<List<NDArray>> real = List.of(List.of(a, b));
        assertEquals(0.0, AdversarialLoss.featureMatching(real, List.of(List.of(a.duplicate(), b.duplicate())))
                .getFloat(), 0.0);
        // fake = 3·real: |fake − real| = 2|real| in every layer, whatever the layer's scale → 2
        float factor = 2 + r.nextInt(2);
        NDArray fm = AdversarialLoss.featureMatching(real, List.of(List.of(a.mul(factor), b.mul(factor))));
        assertEquals(factor - 1, fm.getFloat(), 1e-5);
        assertThrows(IllegalArgumentException.class,
                () -> AdversarialLoss.featureMatching(real, List.of(List.of(a))));
    }

    @Test
    void featureMatchingSendsGradientsToTheFakeOnly() {
        NDArray real = manager.create(new float[] {1f, -2f, 3f, 0.5f}, new Shape(1, 1, 1, 4));
        NDArray fake = manager.create(new float[] {0f, 0f, 0f, 0f}, new Shape(1, 1, 1, 4));
        real.setRequiresGradient(true);
        fake.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(AdversarialLoss.featureMatching(List.of(List.of(real)), List.of(List.of(fake))));
        }
        for (float g : real.getGradient().toFloatArray()) {
            assertEquals(0f, g);
        }
        // d/dfake mean|fake − real| / mean|real| = −sign(real) / (4 · 1.625)
        float[] g = fake.getGradient().toFloatArray();
        assertEquals(-1 / 6.5, g[0], 1e-6);
        assertEquals(1 / 6.5, g[1], 1e-6);
        assertTrue(g[2] < 0 && g[3] < 0);
    }
}
