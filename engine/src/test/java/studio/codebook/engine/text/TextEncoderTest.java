package studio.codebook.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncoderTest {

    static final TextConfig TINY = TextConfig.tiny(300);

    static TextEncoder encoder(NDManager manager, TextConfig config, long seed) {
        TextEncoder encoder = TextEncoder.builder().setConfig(config).optSeed(seed).build();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        return encoder;
    }

    static NDList input(NDManager manager, long[][] ids, int[] lengths) {
        int b = ids.length;
        int l = ids[0].length;
        long[] flat = new long[b * l];
        float[] mask = new float[b * l];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < l; j++) {
                flat[i * l + j] = ids[i][j];
                mask[i * l + j] = j < lengths[i] ? 1 : 0;
            }
        }
        return new NDList(manager.create(flat, new Shape(b, l)), manager.create(mask, new Shape(b, l)));
    }

    @Test
    void shapesAndParameterNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextEncoder encoder = encoder(manager, TINY, 1);
            NDList in = input(manager, new long[][] {{5, 6, 7, 8, 9}, {10, 11, 0, 0, 0}}, new int[] {5, 2});
            NDArray states = encoder.forward(new ParameterStore(manager, false), in, false).singletonOrThrow();
            assertEquals(new Shape(2, 5, 32), states.getShape());
            assertEquals(DataType.FLOAT32, states.getDataType());
            List<String> names = new ArrayList<>();
            for (Pair<String, Parameter> p : encoder.getParameters()) {
                names.add(p.getKey() + " " + p.getValue().getArray().getShape());
            }
            System.out.println("tiny TextEncoder parameters (" + encoder.parameterCount() + "): " + names);
            assertEquals(List.of(
                    "token_embedding (300, 32)",
                    "layers.0.attention_norm.gamma (32)", "layers.0.attention_norm.beta (32)",
                    "layers.0.attention.qkv (96, 32)", "layers.0.attention.out (32, 32)",
                    "layers.0.ffn_norm.gamma (32)", "layers.0.ffn_norm.beta (32)",
                    "layers.0.ffn.in (128, 32)", "layers.0.ffn.out (32, 128)",
                    "final_norm.gamma (32)", "final_norm.beta (32)",
                    "output.weight (32, 32)", "output.bias (32)"), names);
            assertArrayEquals(new Shape[] {new Shape(2, 5, 32)}, encoder.getOutputShapes(new Shape[] {new Shape(2, 5)}));
        }
    }

    @Test
    void paddedPositionsAreZeroAndTheirIdsChangeNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextEncoder encoder = encoder(manager, TINY, 2);
            ParameterStore ps = new ParameterStore(manager, false);
            int[] lengths = {6, 3, 0};
            NDArray a = encoder.forward(ps, input(manager, new long[][] {{2, 3, 4, 5, 6, 7}, {8, 9, 10, 0, 0, 0}, {0, 0, 0, 0, 0, 0}},
                    lengths), false).singletonOrThrow();
            NDArray b = encoder.forward(ps, input(manager, new long[][] {{2, 3, 4, 5, 6, 7}, {8, 9, 10, 250, 17, 99}, {42, 1, 2, 3, 4, 5}},
                    lengths), false).singletonOrThrow();
            float[] x = a.toFloatArray();
            assertArrayEquals(x, b.toFloatArray(), "padded ids do not matter");
            for (int i = 0; i < 3; i++) {
                for (int t = 0; t < 6; t++) {
                    float[] row = a.get(i, t).toFloatArray();
                    boolean allZero = true;
                    for (float v : row) {
                        allZero &= v == 0f;
                        assertTrue(Float.isFinite(v));
                    }
                    assertEquals(t >= lengths[i], allZero, "row " + i + " position " + t);
                }
            }
            // the same caption alone (no padding) gives the same states as inside the padded batch
            NDArray alone = encoder.forward(ps, input(manager, new long[][] {{8, 9, 10}}, new int[] {3}), false).singletonOrThrow();
            assertArrayEquals(alone.get(0).toFloatArray(), a.get("1, 0:3").toFloatArray(), 1e-5f);
        }
    }

    @Test
    void sameSeedSameOutputsDifferentSeedDifferentOutputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(manager, false);
            NDList in = input(manager, new long[][] {{20, 30, 40, 50}}, new int[] {4});
            float[] first = encoder(manager, TINY, 7).forward(ps, in, false).singletonOrThrow().toFloatArray();
            float[] again = encoder(manager, TINY, 7).forward(ps, in, false).singletonOrThrow().toFloatArray();
            float[] other = encoder(manager, TINY, 8).forward(ps, in, false).singletonOrThrow().toFloatArray();
            assertArrayEquals(first, again);
            assertFalse(java.util.Arrays.equals(first, other));
        }
    }

    @Test
    void positionsMatter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextEncoder encoder = encoder(manager, TINY, 3);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray ab = encoder.forward(ps, input(manager, new long[][] {{20, 30}}, new int[] {2}), false).singletonOrThrow();
            NDArray ba = encoder.forward(ps, input(manager, new long[][] {{30, 20}}, new int[] {2}), false).singletonOrThrow();
            assertFalse(java.util.Arrays.equals(ab.get("0, 0").toFloatArray(), ba.get("0, 1").toFloatArray()));
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextConfig config = new TextConfig(300, 32, 2, 2, 4, 32, 48);
            TextEncoder encoder = encoder(manager, config, 4);
            for (Pair<String, Parameter> p : encoder.getParameters()) {
                assertTrue(p.getValue().getArray().hasGradient(), p.getKey() + " records gradients");
            }
            ParameterStore ps = new ParameterStore(manager, false);
            NDList in = input(manager, new long[][] {{5, 6, 7, 8}, {9, 10, 0, 0}}, new int[] {4, 2});
            NDArray weights = manager.randomNormal(new Shape(2, 4, 48));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray states = encoder.forward(ps, in, true).singletonOrThrow();
                NDArray loss = states.mul(weights).sum();
                collector.backward(loss);
            }
            for (Pair<String, Parameter> p : encoder.getParameters()) {
                NDArray grad = p.getValue().getArray().getGradient();
                float norm = grad.abs().sum().getFloat();
                assertTrue(norm > 0 && Float.isFinite(norm), p.getKey() + " gradient " + norm);
            }
            // the embedding rows of tokens not in the batch (and of padding) get no gradient
            NDArray embGrad = encoder.getParameters().get("token_embedding").getArray().getGradient();
            assertEquals(0f, embGrad.get(0).abs().sum().getFloat());
            assertEquals(0f, embGrad.get(100).abs().sum().getFloat());
        }
    }

    @Test
    void emptyCaptionGivesZeroStates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TextEncoder encoder = encoder(manager, TINY, 5);
            NDArray states = encoder.forward(new ParameterStore(manager, false),
                    input(manager, new long[][] {{0}, {0}}, new int[] {0, 0}), false).singletonOrThrow();
            assertEquals(new Shape(2, 1, 32), states.getShape());
            for (float v : states.toFloatArray()) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void configValidatesAndRoundTripsThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TextConfig config = TextConfig.defaultSize(2000);
        assertEquals(config, mapper.readValue(mapper.writeValueAsString(config), TextConfig.class));
        assertEquals(256, config.dim());
        assertEquals(64, config.maxTokens());
        assertThrows(IllegalArgumentException.class, () -> new TextConfig(300, 30, 1, 4, 4, 32, 32), "dim % heads");
        assertThrows(IllegalArgumentException.class, () -> new TextConfig(100, 32, 1, 2, 4, 32, 32), "vocab < 258");
        assertThrows(IllegalArgumentException.class, () -> new TextConfig(300, 32, 1, 2, 4, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> TextEncoder.builder().build());
    }
}
