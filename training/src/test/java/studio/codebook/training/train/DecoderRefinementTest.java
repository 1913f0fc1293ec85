package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.loss.IndependenceConfig;

/** {@code decoderOnly} codec training: the codes never change, only the decoder learns. */
class DecoderRefinementTest {

    private static final List<Segment> TRAIN = TrainFixtures.sines(4, 3200, 1);
    private static final List<Segment> VALIDATION = TrainFixtures.sines(2, 3200, 2);

    /** A tiny codec whose codebooks were initialised (k-means) as after real training. */
    private static MusicModel codec(long seed) throws Exception {
        MusicModel model = TrainFixtures.tinyCodec(seed);
        List<AudioClip> clips = new ArrayList<>();
        for (Segment s : TrainFixtures.sines(8, 3200, 5)) {
            clips.add(AudioClip.mono(s.samples(), TrainFixtures.SAMPLE_RATE));
        }
        model.codec().initializeCodebooks(clips);
        return model;
    }

    private static CodecTrainingConfig config(int steps) {
        CodecTrainingConfig c = TrainFixtures.codecConfig(steps, 0).withDecoderOnly(true);
        return c.withReconstruction(c.reconstruction().withWeights(0.1, 2.0, 1.0));
    }

    private static int[][][] codes(MusicModel model) {
        int[][][] out = new int[VALIDATION.size() + 1][][];
        for (int i = 0; i < VALIDATION.size(); i++) {
            out[i] = model.codec().encode(AudioClip.mono(VALIDATION.get(i).samples(), TrainFixtures.SAMPLE_RATE)).codes();
        }
        out[VALIDATION.size()] = model.codec().encode(AudioClip.mono(TRAIN.get(0).samples(),
                TrainFixtures.SAMPLE_RATE)).codes();
        return out;
    }

    @Test
    void stepsChangeTheDecoderOnlyAndTheCodesStayBitIdentical(@TempDir Path dir) throws Exception {
        try (MusicModel model = codec(3);
                CodecTrainer trainer = CodecTrainer.start(model, config(4), TRAIN, VALIDATION, dir,
                        TrainFixtures.description())) {
            int[][][] before = codes(model);
            Map<String, float[]> weights = TrainFixtures.weights(model.codec().block());
            for (String name : trainer.optimizer().snapshot().keySet()) {
                assertTrue(name.contains("decoder"), "the optimiser holds " + name);
            }
            for (int i = 0; i < 4; i++) {
                Trainer.StepResult r = trainer.trainStep();
                assertFalse(r.skipped(), r.losses().toString());
                assertTrue(r.losses().containsKey("sisnr"), r.losses().keySet().toString());
            }
            Map<String, float[]> after = TrainFixtures.weights(model.codec().block());
            boolean decoderMoved = false;
            for (String name : weights.keySet()) {
                double d = TrainFixtures.maxDifference(Map.of(name, weights.get(name)), Map.of(name, after.get(name)));
                if (name.startsWith("03decoder")) {
                    decoderMoved |= d > 0;
                } else {
                    assertEquals(0.0, d, 0.0, name + " changed");
                }
            }
            assertTrue(decoderMoved, "no decoder weight changed");
            assertArrayEquals(before, codes(model));
            trainer.checkpoint();
            try (MusicModel saved = MusicModel.load(trainer.checkpoints().folder(4).resolve("model"), Device.cpu())) {
                assertArrayEquals(before, codes(saved));
            }
        }
    }

    @Test
    void theLossGoesDownOnAFixedBatch(@TempDir Path dir) throws Exception {
        // batch = all four segments: every step sees the same batch
        try (MusicModel model = codec(4);
                CodecTrainer trainer = CodecTrainer.start(model, config(12), TRAIN, VALIDATION, dir,
                        TrainFixtures.description())) {
            List<Double> loss = new ArrayList<>();
            List<Double> snr = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Trainer.StepResult r = trainer.trainStep();
                loss.add(r.losses().get("reconstruction"));
                snr.add(r.losses().get("sisnr"));
            }
            double first = (loss.get(0) + loss.get(1)) / 2;
            double last = (loss.get(10) + loss.get(11)) / 2;
            assertTrue(last < first, "reconstruction " + loss);
            assertTrue(snr.get(11) > snr.get(0), "SI-SNR " + snr);
            ValidationResult v = trainer.validate();
            assertTrue(Double.isFinite(v.metrics().get("sisnr")), v.toString());
            // the frame-rate comb of the reconstructions is reported: a share of their energy, strictly between
            // 0 (silence) and 1 (a pure comb) for this barely trained decoder
            double comb = v.metrics().get("comb");
            assertTrue(comb > 0 && comb < 1, v.toString());
        }
    }

    @Test
    void aResumedRefinementContinuesExactly(@TempDir Path dir) throws Exception {
        CodecTrainingConfig config = config(4);
        Map<String, float[]> straight;
        try (MusicModel model = codec(6);
                CodecTrainer trainer = CodecTrainer.start(model, config, TRAIN, VALIDATION, dir.resolve("straight"),
                        TrainFixtures.description())) {
            for (int i = 0; i < 4; i++) {
                trainer.trainStep();
            }
            straight = TrainFixtures.weights(model.codec().block());
        }
        Path run = dir.resolve("resumed");
        try (MusicModel model = codec(6);
                CodecTrainer trainer = CodecTrainer.start(model, config, TRAIN, VALIDATION, run,
                        TrainFixtures.description())) {
            trainer.trainStep();
            trainer.trainStep();
            trainer.checkpoint();
        }
        try (CodecTrainer trainer = CodecTrainer.resume(run, TRAIN, VALIDATION, Device.cpu())) {
            assertTrue(trainer.config().decoderOnly());
            assertEquals(1.0, trainer.config().reconstruction().siSnrWeight());
            trainer.trainStep();
            trainer.trainStep();
            double d = TrainFixtures.maxDifference(straight, TrainFixtures.weights(trainer.model().codec().block()));
            assertTrue(d <= 1e-6, "weights differ by " + d);
        }
    }

    @Test
    void theIndependenceLossIsRefusedWithAFrozenEncoder() {
        assertThrows(IllegalArgumentException.class,
                () -> TrainFixtures.codecConfig(4, 0).withDecoderOnly(true).withIndependence(IndependenceConfig.defaults(1)));
    }
}
