package studio.codebook.engine.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.codebook.engine.model.ModelJson;
import studio.codebook.engine.pattern.CodebookPattern;

/** The beat clock as an input of the language model: full forward, KV-cached session and the config. */
class BeatInputTest {

    private static final int S = 30;
    private static final LmConfig BEAT = LmConfig.tiny().withBeat(true);

    private static NDArray clock(NDManager manager, float[] rowFeatures, int batch) {
        float[] all = new float[batch * rowFeatures.length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(rowFeatures, 0, all, b * rowFeatures.length, rowFeatures.length);
        }
        return manager.create(all, new Shape(batch, rowFeatures.length / BeatClock.FEATURES, BeatClock.FEATURES));
    }

    private static float[] forward(TransformerLm lm, NDManager m, NDArray... inputs) {
        return lm.forward(new ParameterStore(m, false), new NDList(inputs), false).head().toFloatArray();
    }

    private static void randomiseBeatWeight(TransformerLm lm, long seed) {
        Random random = new Random(seed);
        float[] w = new float[(int) lm.beatWeight.getArray().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        lm.beatWeight.getArray().set(w);
    }

    @Test
    void aNewBeatInputChangesNothingUntilTrainedAndTheRestOfTheInitIsUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerLm plain = LmTestSupport.model(m, LmConfig.tiny(), 5);
            TransformerLm beat = LmTestSupport.model(m, BEAT, 5);
            assertEquals(LmConfig.tiny().parameterCount() + BeatClock.FEATURES * 32L, BEAT.parameterCount());
            Random random = new Random(1);
            NDArray tokens = LmTestSupport.tokens(m, BEAT, random, 2, S);
            NDArray text = LmTestSupport.text(m, BEAT, random, 2, 5);
            NDArray mask = LmTestSupport.mask(m, LmTestSupport.partialMask(), 2, 5);
            float[] features = new BeatClock(128, 50).features(CodebookPattern.of("delay", 4), 0, 0, S);
            float[] expected = forward(plain, m, tokens, text, mask);
            assertEquals(0f, LmTestSupport.maxAbsDiff(expected, forward(beat, m, tokens, text, mask)));
            assertEquals(0f, LmTestSupport.maxAbsDiff(expected, forward(beat, m, tokens, text, mask, clock(m, features, 2))),
                    "the projection starts at zero: adding a beat input to a trained LM keeps what it does");
            randomiseBeatWeight(beat, 9);
            assertTrue(LmTestSupport.maxAbsDiff(expected, forward(beat, m, tokens, text, mask, clock(m, features, 2))) > 1e-3,
                    "a trained projection hears the clock");
            assertEquals(0f, LmTestSupport.maxAbsDiff(expected,
                    forward(beat, m, tokens, text, mask, clock(m, BeatClock.none(S), 2))), "no tempo: as without");
            assertThrows(IllegalArgumentException.class,
                    () -> forward(plain, m, tokens, text, mask, clock(m, features, 2)), "no beat input to feed");
            assertThrows(IllegalArgumentException.class,
                    () -> forward(beat, m, tokens, text, mask, clock(m, BeatClock.none(S - 1), 2)), "one row per step");
        }
    }

    @Test
    void theSessionAddsTheSameClockAsTheFullForward() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerLm lm = LmTestSupport.model(m, BEAT, 6);
            randomiseBeatWeight(lm, 10);
            Random random = new Random(2);
            NDArray tokens = LmTestSupport.tokens(m, BEAT, random, 2, S);
            NDArray text = LmTestSupport.text(m, BEAT, random, 2, 5);
            NDArray mask = LmTestSupport.mask(m, LmTestSupport.partialMask(), 2, 5);
            // a window that starts at frame 40 of the clip, as generate's later windows do
            float[] features = new BeatClock(97, 50).features(CodebookPattern.of("delay", 4), 40, 0, S);
            float[] full = forward(lm, m, tokens, text, mask, clock(m, features, 2));
            float[] withoutClock = forward(lm, m, tokens, text, mask);
            int perStep = 4 * 64;
            try (LmSession session = lm.startSession(new ParameterStore(m, false), text, mask, S, features)) {
                int at = 11;
                try (NDManager scope = m.newSubManager()) {
                    float[] logits = session.prefill(scope, tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(0, at)))
                            .toFloatArray();
                    assertTrue(diffAt(full, logits, at - 1, perStep) <= 1e-4f);
                }
                for (int s = at; s < S; s++) {
                    try (NDManager scope = m.newSubManager()) {
                        float[] logits = session.step(scope, tokens.get(scope, new NDIndex().addAllDim(2).addSliceDim(s, s + 1)))
                                .toFloatArray();
                        assertTrue(diffAt(full, logits, s, perStep) <= 1e-4f, "step " + s);
                        assertFalse(diffAt(withoutClock, logits, s, perStep) <= 1e-4f, "step " + s + " hears the clock");
                    }
                }
            }
            assertThrows(IllegalArgumentException.class,
                    () -> lm.startSession(new ParameterStore(m, false), text, mask, S, BeatClock.none(S - 1)));
            TransformerLm plain = LmTestSupport.model(m, LmConfig.tiny(), 6);
            assertThrows(IllegalArgumentException.class,
                    () -> plain.startSession(new ParameterStore(m, false), text, mask, S, features));
        }
    }

    /** Max |full[b, q, s, :] − session[b, q, :]| over both rows and all codebooks; full is [2, 4, S, 64]. */
    private static float diffAt(float[] full, float[] session, int s, int perStep) {
        float max = 0;
        for (int b = 0; b < 2; b++) {
            for (int q = 0; q < 4; q++) {
                for (int c = 0; c < 64; c++) {
                    float e = full[((b * 4 + q) * S + s) * 64 + c];
                    float g = session[(b * 4 + q) * 64 + c];
                    max = Math.max(max, Math.abs(e - g));
                }
            }
        }
        return max;
    }

    @Test
    void modelFilesSayBeatOnlyWhenTheLmHasIt() throws Exception {
        ObjectMapper json = ModelJson.mapper(); // strict: a missing primitive is an error, but beat may be absent
        String plain = json.writeValueAsString(LmConfig.tiny());
        assertFalse(plain.contains("beat"), plain);
        assertEquals(LmConfig.tiny(), json.readValue(plain, LmConfig.class), "files without the key read as before");
        String beat = json.writeValueAsString(BEAT);
        assertTrue(json.readTree(beat).get("beat").asBoolean(), beat);
        assertEquals(BEAT, json.readValue(beat, LmConfig.class));
        com.fasterxml.jackson.databind.node.ObjectNode noDim = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(plain);
        noDim.remove("dim");
        assertThrows(Exception.class, () -> json.treeToValue(noDim, LmConfig.class), "the other fields stay required");
    }
}
