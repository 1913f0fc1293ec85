package studio.codebook.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelDivergenceTest {

    @Test
    void identicalDistributionsHaveNoDivergence() {
        float[] p = {0.1f, 0.6f, 0.3f};
        assertEquals(0, LabelDivergence.kl(p, p), 1e-5);
        assertEquals(0, LabelDivergence.meanKl(new float[][] {p, {1, 0, 0}}, new float[][] {p, {1, 0, 0}}), 1e-5);
    }

    @Test
    void divergenceIsRealGivenGeneratedInNats() {
        float[] real = {0.5f, 0.5f};
        float[] generated = {0.9f, 0.1f};
        double expected = 0.5 * Math.log(0.5 / (0.9 + 1e-6)) + 0.5 * Math.log(0.5 / (0.1 + 1e-6));
        assertEquals(expected, LabelDivergence.kl(real, generated), 1e-6);
        // not symmetric: the other direction is another number
        assertTrue(Math.abs(LabelDivergence.kl(generated, real) - expected) > 0.05);
    }

    @Test
    void aClassTheGeneratedClipRulesOutCostsAtMostLogOneOverEpsilon() {
        double kl = LabelDivergence.kl(new float[] {1, 0}, new float[] {0, 1});
        assertEquals(Math.log(1 / LabelDivergence.EPSILON), kl, 1e-6);
    }
}
