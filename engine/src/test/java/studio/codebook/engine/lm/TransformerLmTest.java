package studio.codebook.engine.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransformerLmTest {

    private static final List<String> TINY_NAMES = List.of(
            "emb.weight",
            "transformer.layers.0.norm1.weight", "transformer.layers.0.norm1.bias",
            "transformer.layers.0.self_attn.in_proj_weight", "transformer.layers.0.self_attn.out_proj.weight",
            "transformer.layers.0.norm_cross.weight", "transformer.layers.0.norm_cross.bias",
            "transformer.layers.0.cross_attention.q_proj_weight",
            "transformer.layers.0.cross_attention.kv_proj_weight",
            "transformer.layers.0.cross_attention.out_proj.weight",
            "transformer.layers.0.norm2.weight", "transformer.layers.0.norm2.bias",
            "transformer.layers.0.linear1.weight", "transformer.layers.0.linear2.weight",
            "transformer.layers.1.norm1.weight", "transformer.layers.1.norm1.bias",
            "transformer.layers.1.self_attn.in_proj_weight", "transformer.layers.1.self_attn.out_proj.weight",
            "transformer.layers.1.norm_cross.weight", "transformer.layers.1.norm_cross.bias",
            "transformer.layers.1.cross_attention.q_proj_weight",
            "transformer.layers.1.cross_attention.kv_proj_weight",
            "transformer.layers.1.cross_attention.out_proj.weight",
            "transformer.layers.1.norm2.weight", "transformer.layers.1.norm2.bias",
            "transformer.layers.1.linear1.weight", "transformer.layers.1.linear2.weight",
            "out_norm.weight", "out_norm.bias",
            "linears.weight");

    @Test
    void parameterNamesShapesAndCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LmConfig c = LmConfig.tiny();
            TransformerLm lm = LmTestSupport.model(manager, c, 1);
            List<String> names = new ArrayList<>(lm.getParameters().keys());
            assertEquals(TINY_NAMES, names);
            assertEquals(new Shape(4 * 65, 32), lm.getParameters().get("emb.weight").getArray().getShape());
            assertEquals(new Shape(96, 32),
                    lm.getParameters().get("transformer.layers.0.self_attn.in_proj_weight").getArray().getShape());
            assertEquals(new Shape(64, 32),
                    lm.getParameters().get("transformer.layers.1.cross_attention.kv_proj_weight").getArray().getShape());
            assertEquals(new Shape(128, 32),
                    lm.getParameters().get("transformer.layers.1.linear1.weight").getArray().getShape());
            assertEquals(new Shape(4 * 64, 32), lm.getParameters().get("linears.weight").getArray().getShape());
            assertEquals(c.parameterCount(), count(lm));
            for (LmConfig variant : new LmConfig[] {c.withBias(true), c.withCrossAttention(false),
                    c.withBias(true).withCrossAttention(false)}) {
                TransformerLm other = LmTestSupport.model(manager, variant, 1);
                assertEquals(variant.parameterCount(), count(other), variant.toString());
            }
            assertTrue(LmTestSupport.model(manager, c.withBias(true), 1).getParameters().keys()
                    .contains("transformer.layers.0.cross_attention.kv_proj_bias"));
        }
    }

    private static long count(TransformerLm lm) {
        return lm.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void outputShapesAndInputChecks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LmConfig c = LmConfig.tiny();
            TransformerLm lm = LmTestSupport.model(manager, c, 1);
            Shape[] out = lm.getOutputShapes(new Shape[] {new Shape(3, 4, 7), new Shape(3, 2, 32), new Shape(3, 2)});
            assertEquals(new Shape(3, 4, 7, 64), out[0]);
            Random random = new Random(2);
            NDArray logits = LmTestSupport.forward(lm, manager, LmTestSupport.tokens(manager, c, random, 3, 7),
                    LmTestSupport.text(manager, c, random, 3, 2), manager.ones(new Shape(3, 2)));
            assertEquals(new Shape(3, 4, 7, 64), logits.getShape());
            assertEquals(DataType.FLOAT32, logits.getDataType());
            assertThrows(IllegalArgumentException.class, () -> LmTestSupport.forward(lm, manager,
                    LmTestSupport.tokens(manager, c, random, 3, 7), LmTestSupport.text(manager, c, random, 3, 2),
                    manager.ones(new Shape(3, 3))));
            assertThrows(IllegalArgumentException.class, () -> LmTestSupport.forward(lm, manager,
                    manager.zeros(new Shape(3, 2, 7), DataType.INT64), LmTestSupport.text(manager, c, random, 3, 2),
                    manager.ones(new Shape(3, 2))));
        }
    }

    @Test
    void laterTokensDoNotChangeEarlierLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LmConfig c = LmConfig.tiny();
            TransformerLm lm = LmTestSupport.model(manager, c, 2);
            Random random = new Random(3);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 20);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            float[] base = LmTestSupport.forward(lm, manager, tokens, text, mask).toFloatArray();
            for (int s : new int[] {0, 7, 18}) {
                NDArray changed = tokens.duplicate();
                changed.set(new NDIndex().addAllDim(2).addSliceDim(s + 1, 20),
                        LmTestSupport.tokens(manager, c, random, 2, 20 - s - 1));
                float[] other = LmTestSupport.forward(lm, manager, changed, text, mask).toFloatArray();
                // logits laid out [B, K, S, card]: compare positions ≤ s, expect a change after s
                float maxBefore = 0;
                float maxAfter = 0;
                for (int i = 0; i < base.length; i++) {
                    int position = (i / 64) % 20;
                    float d = Math.abs(base[i] - other[i]);
                    if (position <= s) {
                        maxBefore = Math.max(maxBefore, d);
                    } else {
                        maxAfter = Math.max(maxAfter, d);
                    }
                }
                assertTrue(maxBefore <= 1e-5f, "position ≤ " + s + " changed by " + maxBefore);
                assertTrue(maxAfter > 1e-3f, "later positions should change");
            }
        }
    }

    @Test
    void textConditionsTheLogitsAndMaskedContentIsIgnored() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LmConfig c = LmConfig.tiny();
            TransformerLm lm = LmTestSupport.model(manager, c, 2);
            Random random = new Random(4);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 10);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray otherText = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            float[] a = LmTestSupport.forward(lm, manager, tokens, text, mask).toFloatArray();
            float[] b = LmTestSupport.forward(lm, manager, tokens, otherText, mask).toFloatArray();
            assertTrue(LmTestSupport.maxAbsDiff(a, b) > 1e-3f, "different text should change the logits");

            // change only masked-out positions (row 0: 3, 4; row 1: 1, 4)
            NDArray edited = text.duplicate();
            edited.set(new NDIndex("0, 3:5"), otherText.get("0, 3:5"));
            edited.set(new NDIndex("1, 1"), otherText.get("1, 1"));
            edited.set(new NDIndex("1, 4"), otherText.get("1, 4"));
            float[] e = LmTestSupport.forward(lm, manager, tokens, edited, mask).toFloatArray();
            assertTrue(LmTestSupport.maxAbsDiff(a, e) <= 1e-6f, "masked text content leaked: " + LmTestSupport.maxAbsDiff(a, e));

            // fully masked text: finite, and independent of the content
            NDArray none = manager.zeros(new Shape(2, 5));
            float[] n1 = LmTestSupport.forward(lm, manager, tokens, text, none).toFloatArray();
            float[] n2 = LmTestSupport.forward(lm, manager, tokens, otherText.mul(100), none).toFloatArray();
            for (float v : n1) {
                assertTrue(Float.isFinite(v), "non-finite logit with an empty prompt");
            }
            assertEquals(0f, LmTestSupport.maxAbsDiff(n1, n2), "empty-prompt logits depend on masked content");
            assertTrue(LmTestSupport.maxAbsDiff(a, n1) > 1e-3f);
            // and equal to a model whose text has length 1 of zeros, unmasked (audiocraft's null condition)
            float[] zeros = LmTestSupport.forward(lm, manager, tokens, manager.zeros(new Shape(2, 1, 32)),
                    manager.ones(new Shape(2, 1))).toFloatArray();
            assertTrue(LmTestSupport.maxAbsDiff(n1, zeros) <= 1e-5f);
        }
    }

    @Test
    void sameSeedSameWeightsAndLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LmConfig c = LmConfig.tiny();
            TransformerLm a = LmTestSupport.model(manager, c, 42);
            TransformerLm b = LmTestSupport.model(manager, c, 42);
            TransformerLm other = LmTestSupport.model(manager, c, 43);
            boolean anyDifferent = false;
            for (Pair<String, Parameter> p : a.getParameters()) {
                float[] wa = p.getValue().getArray().toFloatArray();
                assertArrayEquals(wa, b.getParameters().get(p.getKey()).getArray().toFloatArray(), p.getKey());
                anyDifferent |= LmTestSupport.maxAbsDiff(wa, other.getParameters().get(p.getKey()).getArray().toFloatArray()) > 0;
            }
            assertTrue(anyDifferent);
            Random random = new Random(5);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 9);
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            assertArrayEquals(LmTestSupport.forward(a, manager, tokens, text, mask).toFloatArray(),
                    LmTestSupport.forward(b, manager, tokens, text, mask).toFloatArray());
        }
    }

    @Test
    void gradientsReachEveryParameterAndTrainingReducesCrossEntropy() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LmConfig c = LmConfig.tiny().withBias(true);
            TransformerLm lm = LmTestSupport.model(manager, c, 6);
            Random random = new Random(6);
            NDArray tokens = LmTestSupport.tokens(manager, c, random, 2, 12);
            NDArray targets = tokens.get(new NDIndex().addAllDim(2).addSliceDim(1, 12)).clip(0, c.cardinality() - 1);
            NDArray input = tokens.get(new NDIndex().addAllDim(2).addSliceDim(0, 11));
            NDArray text = LmTestSupport.text(manager, c, random, 2, 5);
            NDArray mask = LmTestSupport.mask(manager, LmTestSupport.partialMask(), 2, 5);
            ParameterStore ps = new ParameterStore(manager, false);
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 15; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    float loss;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.zeroGradients();
                        NDArray logits = lm.forward(ps, new NDList(input, text, mask), true).head();
                        NDArray ce = crossEntropy(logits, targets);
                        collector.backward(ce);
                        loss = ce.getFloat();
                    }
                    if (step == 0) {
                        first = loss;
                        for (Pair<String, Parameter> p : lm.getParameters()) {
                            NDArray grad = p.getValue().getArray().getGradient();
                            assertNotNull(grad, p.getKey());
                            float norm = grad.abs().sum().getFloat();
                            assertTrue(norm > 0 && Float.isFinite(norm), p.getKey() + " got gradient norm " + norm);
                        }
                    }
                    last = loss;
                    for (Parameter p : lm.getParameters().values()) {
                        NDArray w = p.getArray();
                        NDArray update = w.getGradient().mul(0.05f);
                        update.attach(scope);
                        w.subi(update);
                    }
                }
            }
            assertTrue(Float.isFinite(first));
            assertTrue(last < first * 0.9f, "cross-entropy " + first + " → " + last);
            assertFalse(Float.isNaN(last));
        }
    }

    /** Mean cross-entropy of logits [B, K, S, card] against int64 targets [B, K, S]. */
    private static NDArray crossEntropy(NDArray logits, NDArray targets) {
        long card = logits.getShape().get(3);
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.mul(targets.oneHot((int) card)).sum(new int[] {3});
        return picked.mean().neg();
    }
}
