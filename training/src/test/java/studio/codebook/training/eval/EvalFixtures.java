package studio.codebook.training.eval;

import ai.djl.Device;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;

/** Tiny models and synthetic segments for the evaluation tests. */
final class EvalFixtures {

    static final int SAMPLE_RATE = 16_000;
    static final String[] CAPTIONS = {"calm piano", "fast drums", "warm bass", "bright lead"};

    private EvalFixtures() {}

    /** A codec-only tiny model whose codebooks were k-means initialised on the segments (so codes vary). */
    static MusicModel tinyCodec(long seed, List<Segment> init) throws IOException {
        ModelConfig full = ModelPresets.architecture("tiny", "rvq", "tiny-codec");
        ModelConfig codecOnly = ModelConfig.of(full.id(), full.name(), full.sampleRate(), full.codec(),
                full.quantizer(), null);
        MusicModel model = MusicModel.create(codecOnly, Device.cpu(), seed);
        initialise(model, init);
        return model;
    }

    static MusicModel tinyFull(long seed, List<Segment> init) throws IOException {
        MusicModel model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-lm"), Device.cpu(), seed);
        initialise(model, init);
        return model;
    }

    private static void initialise(MusicModel model, List<Segment> init) {
        if (!init.isEmpty()) {
            model.codec().initializeCodebooks(init.stream().map(s -> AudioClip.mono(s.samples(), SAMPLE_RATE)).toList());
        }
    }

    /** {@code count} segments of {@code samples} samples: two sines of varying pitch with a little noise. */
    static List<Segment> sines(int count, int samples, long seed) {
        Random random = new Random(seed);
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double f1 = 110 * Math.pow(2, (i % 8) / 4.0);
            double f2 = f1 * (1.5 + 0.25 * (i % 3));
            float[] x = new float[samples];
            for (int n = 0; n < samples; n++) {
                double env = 0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * n / SAMPLE_RATE);
                x[n] = (float) (env * (0.3 * Math.sin(2 * Math.PI * f1 * n / SAMPLE_RATE)
                        + 0.15 * Math.sin(2 * Math.PI * f2 * n / SAMPLE_RATE)) + 0.02 * random.nextGaussian());
            }
            out.add(new Segment("track-" + (i / 2), x, CAPTIONS[i % CAPTIONS.length]));
        }
        return out;
    }
}
