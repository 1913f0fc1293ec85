package studio.codebook.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.codec.Codes;
import studio.codebook.engine.lm.TransformerLm;

class CompactWeightsTest {

    @TempDir
    Path dir;

    @Test
    void eachValueIsWithinHalfItsRowsStepAndAZeroRowStaysZero() throws Exception {
        Random random = new Random(3);
        long[] shape = {3, 40, 50};
        float[] values = new float[3 * 2000];
        for (int i = 2000; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * (i < 4000 ? 0.01 : 5));
        }
        Map<String, SafeTensors.Tensor> encoded = CompactTensors.encode("w", values, shape);
        SafeTensors.Tensor q = encoded.get("w");
        SafeTensors.Tensor scales = encoded.get("w" + CompactTensors.SCALE_SUFFIX);
        assertEquals(SafeTensors.DType.I8, q.dtype());
        assertArrayEquals(shape, q.shape());
        assertArrayEquals(new long[] {3}, scales.shape());
        float[] s = scales.toFloats();
        assertEquals(0f, s[0]);
        float[] back = CompactTensors.decode(dir, "w", q, scales);
        for (int i = 0; i < values.length; i++) {
            float step = s[i / 2000];
            assertTrue(Math.abs(back[i] - values[i]) <= step / 2 * 1.0001 + 1e-12,
                    "element " + i + ": " + values[i] + " -> " + back[i]);
        }
        // the largest value of a row is exact up to float rounding: it maps to ±127
        float[] nan = values.clone();
        nan[4500] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> CompactTensors.encode("w", nan, shape));
        assertTrue(CompactTensors.quantizes(new long[] {64, 64}));
        assertTrue(!CompactTensors.quantizes(new long[] {4096}) && !CompactTensors.quantizes(new long[] {63, 64}));
    }

    @Test
    void aPackedModelLoadsAndComputesCloseToTheOriginalAtAQuarterOfTheSize() throws Exception {
        Path full = dir.resolve("full");
        Path compact = dir.resolve("compact");
        try (MusicModel original = MusicModel.create(MusicModelTest.tiny("rvq"), Device.cpu(), 11)) {
            MusicModelTest.trainQuantizer(original.codec());
            original.saveTo(full);
            original.saveTo(compact, WeightStorage.COMPACT);
            assertEquals(full, original.folder(), "a compact save does not make the model that copy");
            Codes codes = original.codec().encode(MusicModelTest.music(1));
            float[] audio = original.codec().decode(codes, 4).channel(0);
            try (MusicModel packed = MusicModel.load(compact, Device.cpu());
                    MusicModel reloaded = MusicModel.load(full, Device.cpu())) {
                assertEquals(WeightStorage.COMPACT, packed.weightStorage());
                assertEquals(WeightStorage.FULL, reloaded.weightStorage());
                assertEquals(original.config(), packed.config());
                // the quantizer's state is kept exactly
                Map<String, SafeTensors.Tensor> stored = SafeTensors.read(ModelFolder.codecWeights(compact)).tensors();
                stored.forEach((name, t) -> {
                    if (name.contains("quantizer")) {
                        assertEquals(SafeTensors.DType.F32, t.dtype(), name);
                    }
                });
                float[] decoded = packed.codec().decode(codes, 4).channel(0);
                double peak = 0;
                double maxDiff = 0;
                for (int i = 0; i < audio.length; i++) {
                    peak = Math.max(peak, Math.abs(audio[i]));
                    maxDiff = Math.max(maxDiff, Math.abs(audio[i] - decoded[i]));
                }
                int[][] a = codes.codes();
                int[][] b = packed.codec().encode(MusicModelTest.music(1)).codes();
                int same = 0;
                int total = 0;
                int[] perCodebook = new int[a.length];
                for (int k = 0; k < a.length; k++) {
                    for (int t = 0; t < a[k].length; t++) {
                        same += a[k][t] == b[k][t] ? 1 : 0;
                        perCodebook[k] += a[k][t] == b[k][t] ? 1 : 0;
                        total++;
                    }
                }
                System.out.println("codes agreeing per codebook (of " + a[0].length + "): "
                        + java.util.Arrays.toString(perCodebook));
                double lmDiff = maxRelativeDifference(original.lm(), packed.lm(), original.config());
                System.out.printf("compact tiny model: decode max |diff| %.4g (peak %.4g), code agreement %.3f, "
                        + "LM logits max relative diff %.4g%n", maxDiff, peak, (double) same / total, lmDiff);
                assertTrue(maxDiff < 0.05 * peak, "decoded audio differs by " + maxDiff + " of a peak of " + peak);
                // a random tiny codec's latents sit close to its codebooks' boundaries, so the later residual
                // stages flip easily; the latent itself must be close, and the first stage mostly agree
                double latentDiff = latentRelativeDifference(original, packed);
                System.out.printf("encoder latent relative L2 difference %.4g%n", latentDiff);
                assertTrue(latentDiff < 0.02, "latents differ by " + latentDiff);
                assertTrue(perCodebook[0] >= 0.7 * a[0].length, "first codebook: only " + perCodebook[0] + " agree");
                assertTrue(lmDiff < 0.05, "LM logits differ by " + lmDiff);
            }
        }
        for (String file : new String[] {ModelFolder.CODEC_WEIGHTS_FILE, ModelFolder.LM_WEIGHTS_FILE,
            ModelFolder.TEXT_WEIGHTS_FILE}) {
            Map<String, SafeTensors.Tensor> f = SafeTensors.read(full.resolve(file)).tensors();
            Map<String, SafeTensors.Tensor> c = SafeTensors.read(compact.resolve(file)).tensors();
            long fullBytes = 0;
            long compactBytes = 0;
            for (Map.Entry<String, SafeTensors.Tensor> e : c.entrySet()) {
                if (e.getValue().dtype() == SafeTensors.DType.I8) {
                    fullBytes += f.get(e.getKey()).data().remaining();
                    compactBytes += e.getValue().data().remaining()
                            + c.get(e.getKey() + CompactTensors.SCALE_SUFFIX).data().remaining();
                }
            }
            System.out.printf("%s: %,d -> %,d bytes (large tensors %,d -> %,d)%n", file, Files.size(full.resolve(file)),
                    Files.size(compact.resolve(file)), fullBytes, compactBytes);
            assertTrue(fullBytes > 0, file + " has no 8-bit tensor");
            assertTrue(fullBytes >= 3 * compactBytes, file + ": " + fullBytes + " -> " + compactBytes);
            assertEquals(WeightStorage.COMPACT, WeightStorage.of(SafeTensors.read(compact.resolve(file)).metadata()));
        }
    }

    /** ‖Δlatent‖ / ‖latent‖ of the two encoders on the same clip. */
    private static double latentRelativeDifference(MusicModel a, MusicModel b) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] x = MusicModelTest.music(1).channel(0);
            NDList in = new NDList(m.create(x, new Shape(1, 1, x.length)));
            NDArray la = a.codec().block().encoder().forward(new ParameterStore(m, false), in, false).singletonOrThrow();
            NDArray lb = b.codec().block().encoder().forward(new ParameterStore(m, false), in, false).singletonOrThrow();
            return la.sub(lb).square().sum().sqrt().getFloat() / la.square().sum().sqrt().getFloat();
        }
    }

    /** max |Δlogits| / max |logits| of the two LMs on the same random tokens and text states. */
    private static double maxRelativeDifference(TransformerLm a, TransformerLm b, ModelConfig config) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Random random = new Random(5);
            int k = config.codebooks();
            int t = 12;
            float[] tokens = new float[k * t];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(config.codebookSize());
            }
            NDList in = new NDList(m.create(tokens, new Shape(1, k, t)).toType(ai.djl.ndarray.types.DataType.INT64, false),
                    m.randomNormal(new Shape(1, 3, config.lm().dim())), m.ones(new Shape(1, 3)));
            NDArray x = a.forward(new ParameterStore(m, false), in, false).get(0);
            NDArray y = b.forward(new ParameterStore(m, false), in, false).get(0);
            return x.sub(y).abs().max().getFloat() / x.abs().max().getFloat();
        }
    }

    @Test
    void aCorruptCompactFileGivesAClearError() throws Exception {
        Path compact = dir.resolve("compact");
        try (MusicModel original = MusicModel.create(MusicModelTest.tiny("rvq"), Device.cpu(), 11)) {
            original.saveTo(compact, WeightStorage.COMPACT);
        }
        Path lm = compact.resolve(ModelFolder.LM_WEIGHTS_FILE);
        SafeTensors.Content content = SafeTensors.read(lm);
        String quantized = content.tensors().entrySet().stream()
                .filter(e -> e.getValue().dtype() == SafeTensors.DType.I8).findFirst().orElseThrow().getKey();
        String scaleName = quantized + CompactTensors.SCALE_SUFFIX;
        SafeTensors.Tensor scales = content.tensors().get(scaleName);
        byte[] original = Files.readAllBytes(lm);

        Map<String, SafeTensors.Tensor> missing = new LinkedHashMap<>(content.tensors());
        missing.remove(scaleName);
        expectError(compact, lm, missing, content.metadata(), "scales", "missing");

        Map<String, SafeTensors.Tensor> shape = new LinkedHashMap<>(content.tensors());
        shape.put(scaleName, SafeTensors.Tensor.ofFloats(new float[] {1f, 2f}, new long[] {2}));
        expectError(compact, lm, shape, content.metadata(), "shape", "[2]");

        Map<String, SafeTensors.Tensor> nan = new LinkedHashMap<>(content.tensors());
        float[] bad = scales.toFloats();
        bad[0] = Float.NaN;
        nan.put(scaleName, SafeTensors.Tensor.ofFloats(bad, scales.shape()));
        expectError(compact, lm, nan, content.metadata(), "finite", scaleName);

        Map<String, SafeTensors.Tensor> type = new LinkedHashMap<>(content.tensors());
        ByteBuffer ints = ByteBuffer.allocate(scales.data().remaining()).order(ByteOrder.LITTLE_ENDIAN);
        type.put(scaleName, new SafeTensors.Tensor(SafeTensors.DType.I32, scales.shape(), ints));
        expectError(compact, lm, type, content.metadata(), "I32", "expected F32 or F16");

        // 8-bit codes where a parameter is kept in full precision (a scale-less tensor)
        Map<String, SafeTensors.Tensor> stray = new LinkedHashMap<>(content.tensors());
        stray.put("stray" + CompactTensors.SCALE_SUFFIX, SafeTensors.Tensor.ofFloats(new float[] {1f}, new long[] {1}));
        expectError(compact, lm, stray, content.metadata(), "unexpected", "stray");

        // truncated in the middle of the 8-bit data
        Files.write(lm, java.util.Arrays.copyOf(original, original.length - 100));
        ModelFileException truncated = assertThrows(ModelFileException.class, () -> MusicModel.load(compact, Device.cpu()));
        assertTrue(truncated.getMessage().contains("truncated") && truncated.getMessage().contains("lm.safetensors"),
                truncated.getMessage());
    }

    private static void expectError(Path folder, Path file, Map<String, SafeTensors.Tensor> tensors,
            Map<String, String> metadata, String... words) throws Exception {
        SafeTensors.write(file, tensors, metadata);
        ModelFileException e = assertThrows(ModelFileException.class, () -> MusicModel.load(folder, Device.cpu()));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' not in: " + e.getMessage());
        }
    }
}
