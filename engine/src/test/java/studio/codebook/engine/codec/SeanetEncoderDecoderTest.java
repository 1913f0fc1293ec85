package studio.codebook.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.codebook.engine.codec.CodecTestSupport.forward;
import static studio.codebook.engine.codec.CodecTestSupport.tiny;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeanetEncoderDecoderTest {

    @Test
    void encoderGivesCeilFramesAndDecoderGivesFramesTimesHop() {
        List<Integer> ratios = List.of(3, 2); // encoder strides 2 then 3, hop 6
        int hop = 6;
        Random random = new Random(42);
        TreeSet<Integer> lengths = new TreeSet<>(List.of(1, 2, hop - 1, hop, hop + 1, 3 * hop + 7, 2 * hop, 5));
        while (lengths.size() < 14) {
            lengths.add(1 + random.nextInt(200));
        }
        for (String mode : new String[] {"reflect", "constant"}) {
            for (int lstm : new int[] {0, 1}) {
                SeanetConfig config = tiny(mode, lstm, ratios);
                SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
                SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).build();
                try (NDManager manager = NDManager.newBaseManager()) {
                    encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 32));
                    decoder.initialize(manager, DataType.FLOAT32, encoder.getOutputShapes(
                            new Shape[] {new Shape(1, 1, 32)}));
                    for (int length : lengths) {
                        String what = mode + ", lstm " + lstm + ", L=" + length;
                        int frames = (length + hop - 1) / hop;
                        Shape in = new Shape(2, 1, length);
                        NDArray z = forward(encoder, manager, manager.randomNormal(in));
                        assertEquals(new Shape(2, 6, frames), z.getShape(), what);
                        assertEquals(z.getShape(), encoder.getOutputShapes(new Shape[] {in})[0], what);
                        assertEquals(frames, encoder.frames(length), what);
                        NDArray y = forward(decoder, manager, z);
                        assertEquals(new Shape(2, 1, (long) frames * hop), y.getShape(), what);
                        assertEquals(y.getShape(), decoder.getOutputShapes(new Shape[] {z.getShape()})[0], what);
                        assertTrue(y.isInfinite().logicalOr(y.isNaN()).none().getBoolean(), what);
                    }
                }
            }
        }
    }

    @Test
    void gradientsReachEveryParameter() {
        // 1×1 skips, two residual units, LSTM, reflect, forward in training mode
        gradientsReachEveryParameter(
                new SeanetConfig(1, 6, 4, List.of(2, 2), 7, 7, 3, 2, 2, 2, 1, true, "reflect", false), true);
        // identity skips, constant padding, no weight norm, and a forward with training = false inside
        // the collector (e.g. a frozen encoder in eval mode): temporaries must not be freed then
        gradientsReachEveryParameter(
                new SeanetConfig(1, 6, 4, List.of(3, 2), 5, 3, 3, 1, 2, 2, 2, false, "constant", true), false);
    }

    private static void gradientsReachEveryParameter(SeanetConfig config, boolean training) {
        SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).optSeed(1).build();
        SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).optSeed(2).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 1, 37);
            encoder.initialize(manager, DataType.FLOAT32, in);
            decoder.initialize(manager, DataType.FLOAT32, encoder.getOutputShapes(new Shape[] {in}));
            NDArray x = manager.randomNormal(in);
            ParameterStore ps = new ParameterStore(manager, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray z = encoder.forward(ps, new NDList(x), training).singletonOrThrow();
                NDArray y = decoder.forward(ps, new NDList(z), training).singletonOrThrow();
                NDArray loss = y.get(":, :, :37").sub(x).square().mean().add(z.square().mean());
                collector.backward(loss);
            }
            List<String> missing = new ArrayList<>();
            int checked = 0;
            for (var block : List.of(encoder, decoder)) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray grad = p.getValue().getArray().getGradient();
                    float sum = grad.abs().sum().getFloat();
                    if (!(sum > 0) || !Float.isFinite(sum)) {
                        missing.add(p.getKey() + " (" + sum + ")");
                    }
                    checked++;
                }
            }
            assertTrue(missing.isEmpty(), "no gradient for " + missing);
            assertTrue(checked > 40, "checked " + checked);
        }
    }

    @Test
    void parameterCountMatchesFormula() {
        // encodecLike (1 residual unit, compress 2, identity skip, weight norm: g and bias per output
        // channel, except an up-sampling g per input channel), S stages, C_s = F·2^(s−1), C_max = F·2^S:
        // encoder = (7·ch·F + 2F) + Σ_s [(2C² + 3C) + (4·r_s·C² + 4C)] + L·(8C_max² + 8C_max) + (7·C_max·D + 2D)
        // decoder = (7·D·C_max + 2C_max) + L·(8C_max² + 8C_max)
        //           + Σ_s [(r_s·C² + 1.5C) + (0.5C² + 1.5C)] with C = input width of stage s + (7·F·ch + 2ch)
        for (int lstm : new int[] {0, 1, 2}) {
            SeanetConfig config = SeanetConfig.encodecLike(4, 6, List.of(4, 2), lstm);
            try (NDManager manager = NDManager.newBaseManager()) {
                SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
                encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 16));
                SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).build();
                decoder.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 2));
                assertEquals(encoderFormula(config), encoder.parameterCount(), "encoder, lstm " + lstm);
                assertEquals(decoderFormula(config), decoder.parameterCount(), "decoder, lstm " + lstm);
            }
        }
        // the same by hand for F 4, D 6, ratios [4, 2], LSTM 1:
        // encoder 36 + (44 + 4·2·16 + 16) + (152 + 4·4·64 + 32) + 2176 + 684 = 4292
        // decoder 704 + 2176 + (4·256 + 24 + 152) + (2·64 + 12 + 44) + 30 = 4294
        SeanetConfig config = SeanetConfig.encodecLike(4, 6, List.of(4, 2), 1);
        assertEquals(4292, encoderFormula(config));
        assertEquals(4294, decoderFormula(config));
    }

    static long encoderFormula(SeanetConfig c) {
        long f = c.filters();
        long total = 7L * c.channels() * f + 2 * f;
        long ch = f;
        List<Integer> ratios = c.ratios();
        for (int s = ratios.size() - 1; s >= 0; s--) {
            total += 2 * ch * ch + 3 * ch + 4L * ratios.get(s) * ch * ch + 4 * ch;
            ch *= 2;
        }
        return total + c.lstmLayers() * (8 * ch * ch + 8 * ch) + 7 * ch * c.dimension() + 2L * c.dimension();
    }

    static long decoderFormula(SeanetConfig c) {
        long ch = (long) c.filters() << c.ratios().size();
        long total = 7L * c.dimension() * ch + 2 * ch + c.lstmLayers() * (8 * ch * ch + 8 * ch);
        for (int r : c.ratios()) {
            total += r * ch * ch + 3 * ch / 2 + ch * ch / 2 + 3 * ch / 2;
            ch /= 2;
        }
        return total + 7L * c.filters() * c.channels() + 2L * c.channels();
    }

    @Test
    void randomWeightsAreReproducibleFromTheSeed() {
        SeanetConfig config = tiny("reflect", 1, List.of(2, 2));
        float[] input = CodecTestSupport.randomFloats(new Random(9), 50);
        float[] a = roundTrip(config, 7, input);
        float[] b = roundTrip(config, 7, input);
        float[] c = roundTrip(config, 8, input);
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void initializingAgainKeepsLoadedWeights() {
        SeanetConfig config = tiny("reflect", 0, List.of(2, 2));
        SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8));
            float[] loaded = new float[6];
            java.util.Arrays.fill(loaded, 0.25f);
            CodecTestSupport.set(encoder, "06conv_out_bias", loaded);
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8)); // as Trainer.initialize would
            assertArrayEquals(loaded, encoder.getParameters().get("06conv_out_bias").getArray().toFloatArray(), 0f);
        }
    }

    private static float[] roundTrip(SeanetConfig config, long seed, float[] input) {
        Engine.getInstance().setRandomSeed((int) seed * 31 + 5); // must not matter: weights come from the seed
        SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).optSeed(seed).build();
        SeanetDecoder decoder = SeanetDecoder.builder().setConfig(config).optSeed(seed + 1).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 1, input.length);
            encoder.initialize(manager, DataType.FLOAT32, in);
            decoder.initialize(manager, DataType.FLOAT32, encoder.getOutputShapes(new Shape[] {in}));
            NDArray z = forward(encoder, manager, manager.create(input, in));
            return forward(decoder, manager, z).toFloatArray();
        }
    }

    @Test
    void parameterNamesAreStableAndReadable() {
        SeanetConfig config = tiny("reflect", 1, List.of(2, 2));
        SeanetEncoder encoder = SeanetEncoder.builder().setConfig(config).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8));
            List<String> names = new ArrayList<>(encoder.getParameters().keys());
            assertEquals("01conv_in_weight_v", names.get(0));
            assertTrue(names.contains("02s1_res1_01conv1_weight_g"), names.toString());
            assertTrue(names.contains("03s1_down_bias"), names.toString());
            assertTrue(names.contains("06lstm_01lstm_l_0_i2h_WEIGHT"), names.toString());
            assertEquals("07conv_out_bias", names.get(names.size() - 1));
            assertEquals(28, names.size());
        }
    }
}
