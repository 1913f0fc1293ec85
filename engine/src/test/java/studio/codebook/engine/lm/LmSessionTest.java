package studio.codebook.engine.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LmSessionTest {

    private static final int S = 40;

    /** Checks session logits for positions [from, from + count) one step at a time against the full forward. */
    private static void stepAndCompare(LmSession session, NDManager manager, NDArray tokens, NDArray full, int from,
            int count, float tolerance) {
        for (int s = from; s < from + count; s++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray tok = tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(s, s + 1));
                NDArray logits = session.step(scope, tok);
                assertEquals(new Shape(2, 4, 64), logits.getShape());
                assertEquals(scope, logits.getManager());
                NDArray expected = full.get(scope, new NDIndex().addAllDim(2).addIndices(s));
                float diff = LmTestSupport.maxAbsDiff(expected.toFloatArray(), logits.toFloatArray());
                assertTrue(diff <= tolerance, "step " + s + ": max |cached − full| = " + diff);
            }
        }
    }

    @Test
    void cachedStepsEqualFullForwardAtEveryPosition() {
        LmConfig config = LmConfig.tiny();
        for (boolean bias : new boolean[] {false, true}) {
            LmConfig c = config.withBias(bias);
            try (NDManager manager = NDManager.newBaseManager()) {
                TransformerLm lm = LmTestSupport.model(manager, c, 3);
                Random random = new Random(11);
                NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, S);
                NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
                NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
                NDArray full = LmTestSupport.forward(lm, manager, tokens, text, mask);
                try (LmSession session = lm.startSession(new ParameterStore(manager, false), text, mask, S)) {
                    stepAndCompare(session, manager, tokens, full, 0, S, 1e-4f);
                    assertEquals(S, session.length());
                }
            }
        }
    }

    @Test
    void prefillThenStepsEqualFullForward() {
        LmConfig c = LmConfig.tiny();
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLm lm = LmTestSupport.model(manager, c, 3);
            Random random = new Random(12);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, S);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            NDArray full = LmTestSupport.forward(lm, manager, tokens, text, mask);
            try (LmSession session = lm.startSession(new ParameterStore(manager, false), text, mask, S)) {
                int[] chunks = {17, 1, 6};
                int at = 0;
                for (int p : chunks) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray tok = tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(at, at + p));
                        NDArray logits = session.prefill(scope, tok);
                        at += p;
                        NDArray expected = full.get(scope, new NDIndex().addAllDim(2).addIndices(at - 1));
                        float diff = LmTestSupport.maxAbsDiff(expected.toFloatArray(), logits.toFloatArray());
                        assertTrue(diff <= 1e-4f, "prefill to " + at + ": " + diff);
                    }
                }
                assertEquals(at, session.length());
                stepAndCompare(session, manager, tokens, full, at, S - at, 1e-4f);
            }
        }
    }

    @Test
    void emptyPromptSessionMatchesFullForwardAndIsFinite() {
        LmConfig c = LmConfig.tiny();
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLm lm = LmTestSupport.model(manager, c, 4);
            Random random = new Random(13);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 12);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            // CFG layout: row 0 conditional, row 1 the null condition (all masked)
            NDArray mask = LmTestSupport.mask(manager, new float[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0}, 2, 5);
            NDArray full = LmTestSupport.forward(lm, manager, tokens, text, mask);
            try (LmSession session = lm.startSession(new ParameterStore(manager, false), text, mask, 12)) {
                stepAndCompare(session, manager, tokens, full, 0, 12, 1e-4f);
            }
        }
    }

    @Test
    void exceedingCapacityIsAnIllegalStateAndClosedSessionsRefuse() {
        LmConfig c = LmConfig.tiny();
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLm lm = LmTestSupport.model(manager, c, 1);
            Random random = new Random(1);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 4);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            LmSession session = lm.startSession(new ParameterStore(manager, false), text, mask, 3);
            assertEquals(3, session.capacity());
            try (NDManager scope = manager.newSubManager()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> session.prefill(scope, tokens));
                assertTrue(e.getMessage().contains("full"), e.getMessage());
                assertEquals(0, session.length());
                session.prefill(scope, tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(0, 3)));
                assertEquals(3, session.length());
                assertThrows(IllegalStateException.class,
                        () -> session.step(scope, tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(3, 4))));
            }
            session.close();
            session.close();
            try (NDManager scope = manager.newSubManager()) {
                assertThrows(IllegalStateException.class,
                        () -> session.step(scope, tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(0, 1))));
            }
            assertThrows(IllegalArgumentException.class,
                    () -> lm.startSession(new ParameterStore(manager, false), text, mask, c.maxSteps() + 1));
        }
    }

    @Test
    void arrayCountsStayFlatOverStepsAndSessions() {
        LmConfig c = LmConfig.of(4, 64, 32, 2, 2, 512);
        try (NDManager manager = NDManager.newBaseManager()) {
            TransformerLm lm = LmTestSupport.model(manager, c, 5);
            Random random = new Random(14);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 1);
            ParameterStore ps = new ParameterStore(manager, false);
            int before = manager.getManagedArrays().size();
            int afterFirst = -1;
            try (LmSession session = lm.startSession(ps, text, mask, 300)) {
                int inSession = manager.getManagedArrays().size();
                for (int s = 0; s < 300; s++) {
                    try (NDManager scope = manager.newSubManager()) {
                        session.step(scope, tokens);
                    }
                    if (s == 0) {
                        afterFirst = manager.getManagedArrays().size();
                    }
                }
                assertEquals(inSession, afterFirst, "arrays left behind by the first step");
                assertEquals(afterFirst, manager.getManagedArrays().size(), "arrays piled up over 300 steps");
            }
            assertEquals(before, manager.getManagedArrays().size(), "arrays left behind by a closed session");
            for (int i = 0; i < 20; i++) {
                try (LmSession session = lm.startSession(ps, text, mask, 8);
                        NDManager scope = manager.newSubManager()) {
                    session.prefill(scope, LmTestSupport.tokens(scope, c, random, 2, 3));
                    session.step(scope, tokens);
                }
            }
            assertEquals(before, manager.getManagedArrays().size(), "arrays left behind by 20 sessions");
        }
    }
}
