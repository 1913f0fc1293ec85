package studio.codebook.training.train;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.IndependenceConfig;

/** Tiny models and synthetic segments shared by the trainer tests. */
final class TrainFixtures {

    static final int SAMPLE_RATE = 16_000;
    static final String[] CAPTIONS = {"calm piano", "fast drums", "warm bass", "bright lead"};

    private TrainFixtures() {}

    /** A codec-only tiny model (no tokenizer to learn, so it is quick to make). */
    static MusicModel tinyCodec(long seed) throws IOException {
        ModelConfig full = ModelPresets.architecture("tiny", "rvq", "tiny-codec");
        ModelConfig codecOnly = ModelConfig.of(full.id(), full.name(), full.sampleRate(), full.codec(),
                full.quantizer(), null);
        return MusicModel.create(codecOnly, Device.cpu(), seed);
    }

    static MusicModel tinyFull(long seed) throws IOException {
        return MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-lm"), Device.cpu(), seed);
    }

    /** {@code count} segments of {@code samples} samples: sines of a few pitches with a little noise. */
    static List<Segment> sines(int count, int samples, long seed) {
        Random random = new Random(seed);
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double freq = 110 * Math.pow(2, (i % 8) / 4.0);
            double amp = 0.3 + 0.1 * (i % 3);
            float[] x = new float[samples];
            for (int n = 0; n < samples; n++) {
                x[n] = (float) (amp * Math.sin(2 * Math.PI * freq * n / SAMPLE_RATE) + 0.01 * random.nextGaussian());
            }
            out.add(new Segment("track-" + i, x, CAPTIONS[i % CAPTIONS.length]));
        }
        return out;
    }

    /**
     * A codec run in {@code run} (tiny codec of seed 5) checkpointed after 3 steps, then one more step whose
     * work is lost, as in a crash: resumed, it continues from step 3.
     */
    static void interruptedCodecRun(CodecTrainingConfig config, List<Segment> train, List<Segment> validation,
            Path run) throws IOException {
        try (MusicModel model = tinyCodec(5);
                CodecTrainer trainer = CodecTrainer.start(model, config, train, validation, run, description())) {
            for (int i = 0; i < 3; i++) {
                trainer.trainStep();
            }
            trainer.checkpoint();
            trainer.trainStep();
        }
    }

    static CodecTrainingConfig codecConfig(int steps, double lambda) {
        IndependenceConfig ind = lambda > 0 ? withMacro(IndependenceConfig.defaults(lambda), 2)
                : IndependenceConfig.off();
        return CodecTrainingConfig.defaults(steps, 4, 7).withIndependence(ind).withLearningRate(3e-3, 3e-4, 1)
                .withRhythm(0, 0, 3);
    }

    static IndependenceConfig withMacro(IndependenceConfig c, int macroBatches) {
        return new IndependenceConfig(c.weight(), c.streamKind(), c.alignment(), c.sigmas(), macroBatches,
                c.maxSamples());
    }

    static RunDescription description() {
        return new RunDescription("trainer tests", null, "manifest-sha256:test");
    }

    /** Every parameter's values (trainable and EMA state) by name. */
    static Map<String, float[]> weights(ai.djl.nn.Block block) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .toFloatArray());
        }
        return out;
    }

    static double maxDifference(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new AssertionError("different parameter names");
        }
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            if (x.length != y.length) {
                throw new AssertionError(k + ": different sizes");
            }
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
                if (Float.isNaN(x[i]) != Float.isNaN(y[i])) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        return max;
    }
}
