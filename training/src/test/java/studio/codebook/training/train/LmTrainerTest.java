package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.lm.BeatClock;
import studio.codebook.engine.lm.TransformerLm;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.loss.TeacherForcedNll;
import studio.codebook.training.data.Segment;

class LmTrainerTest {

    // 0.4 s = 20 frames at 50 frames/s
    private static final List<Segment> TRAIN = TrainFixtures.sines(8, 6400, 1);
    private static final List<Segment> VALIDATION = TrainFixtures.sines(2, 6400, 2);

    private static LmTrainingConfig config(int steps) {
        return LmTrainingConfig.defaults(steps, 4, 16, 11).withLearningRate(3e-3, 3e-4, 2).withRhythm(0, 0, 2);
    }

    @Test
    void lossGoesDownPerCodebookAndTheCodesCacheIsReused(@TempDir Path dir) throws Exception {
        try (MusicModel model = TrainFixtures.tinyFull(4)) {
            Path run = dir.resolve("run");
            List<Double> losses = new ArrayList<>();
            try (LmTrainer trainer = LmTrainer.start(model, config(30), TRAIN, VALIDATION, run,
                    TrainFixtures.description())) {
                assertFalse(trainer.codesReused());
                assertEquals(16, trainer.frames());
                ValidationResult before = trainer.validate();
                for (int i = 0; i < 30; i++) {
                    Trainer.StepResult r = trainer.trainStep();
                    assertFalse(r.skipped(), r.losses().toString());
                    losses.add(r.losses().get("loss"));
                    double mean = (r.losses().get("ce0") + r.losses().get("ce1") + r.losses().get("ce2")
                            + r.losses().get("ce3")) / 4;
                    assertEquals(r.losses().get("loss"), mean, 1e-4, "loss is the mean over K");
                }
                // untrained: about ln(64) = 4.16 nats per codebook
                assertTrue(losses.get(0) > 3.5 && losses.get(0) < 5, "first loss " + losses.get(0));
                double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
                double last = (losses.get(27) + losses.get(28) + losses.get(29)) / 3;
                assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
                ValidationResult after = trainer.validate();
                assertTrue(after.loss() < before.loss(), before.loss() + " -> " + after.loss());
                for (int k = 0; k < 4; k++) {
                    assertTrue(after.metrics().containsKey("nll" + k));
                }
            }
            try (LmTrainer again = LmTrainer.start(model, config(30), TRAIN, VALIDATION, run,
                    TrainFixtures.description())) {
                assertTrue(again.codesReused(), "same codec and segments: codes read from the cache");
            }
            try (java.util.stream.Stream<Path> files = Files.list(run.resolve("codes"))) {
                assertEquals(2, files.count(), "one cache file for the training and one for the validation segments");
            }
        }
    }

    private static List<Segment> withTempo(List<Segment> segments, double bpm) {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            out.add(new Segment(s.trackId(), s.samples(), s.caption(), 0.4 * i, bpm));
        }
        return out;
    }

    private static float maxAbs(MusicModel model) {
        float max = 0;
        for (float v : model.lm().getParameters().get(TransformerLm.BEAT_WEIGHT).getArray().toFloatArray()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void anLmWithABeatInputHearsTheClockOfItsTracksTempo(@TempDir Path dir) throws Exception {
        ModelConfig plain = ModelPresets.architecture("tiny", "rvq", "tiny-lm");
        ModelConfig beat = plain.withLanguageModel(plain.pattern(), plain.lm().withBeat(true), plain.text());
        List<Segment> train = withTempo(TRAIN, 120);
        try (MusicModel model = MusicModel.create(beat, Device.cpu(), 4);
                LmTrainer trainer = LmTrainer.start(model, config(6), train, withTempo(VALIDATION, 120),
                        dir.resolve("beat"), TrainFixtures.description())) {
            // the clock runs from the start of the track: segment 1 starts 0.4 s (20 frames) in, the window 3 later
            float[] expected = new BeatClock(120, 50).features(model.pattern(), 23, 0,
                    TeacherForcedNll.beatSteps(model.pattern(), 16));
            assertArrayEquals(expected, trainer.clock(train.get(1), 3, 16));
            assertNull(trainer.clock(TRAIN.get(1), 3, 16), "no tempo known: no clock");
            assertEquals(0f, maxAbs(model), "a new beat input starts at zero");
            for (int i = 0; i < 6; i++) {
                assertFalse(trainer.trainStep().skipped());
            }
            assertTrue(maxAbs(model) > 0, "the clock's projection is trained");
            assertTrue(Double.isFinite(trainer.validate().loss()));
        }
        try (MusicModel model = MusicModel.create(beat, Device.cpu(), 4);
                LmTrainer trainer = LmTrainer.start(model, config(3), TRAIN, VALIDATION, dir.resolve("no-tempo"),
                        TrainFixtures.description())) {
            for (int i = 0; i < 3; i++) {
                trainer.trainStep();
            }
            assertEquals(0f, maxAbs(model), "tracks without a tempo teach the clock nothing");
        }
    }

    @Test
    void contextNoiseChangesTheInputsOnlyWhileTraining(@TempDir Path dir) throws Exception {
        double[] firstLoss = new double[2];
        double[] validation = new double[2];
        double[] noise = {0, 1.0};
        for (int r = 0; r < 2; r++) {
            try (MusicModel model = TrainFixtures.tinyFull(4);
                    LmTrainer trainer = LmTrainer.start(model, config(1).withContextNoise(noise[r]), TRAIN,
                            VALIDATION, dir.resolve("n" + r), TrainFixtures.description())) {
                validation[r] = trainer.validate().loss();
                firstLoss[r] = trainer.trainStep().losses().get("loss");
            }
        }
        assertEquals(validation[0], validation[1], 1e-6, "validation reads clean codes");
        assertTrue(Math.abs(firstLoss[0] - firstLoss[1]) > 1e-4, "noisy inputs change the training loss: "
                + firstLoss[0] + " and " + firstLoss[1]);
    }

    @Test
    void aConfigWrittenBeforeContextNoiseReadsAsNone() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode json = Trainer.JSON.valueToTree(config(5).withContextNoise(0.2));
        assertEquals(0.2, Trainer.JSON.treeToValue(json, LmTrainingConfig.class).contextNoise());
        json.remove("contextNoise");
        assertEquals(0.0, Trainer.JSON.treeToValue(json, LmTrainingConfig.class).contextNoise());
    }

    @Test
    void resumeIsExact(@TempDir Path dir) throws Exception {
        Map<String, float[]> straight;
        try (MusicModel model = TrainFixtures.tinyFull(4);
                LmTrainer trainer = LmTrainer.start(model, config(4), TRAIN, VALIDATION, dir.resolve("a"),
                        TrainFixtures.description())) {
            for (int i = 0; i < 4; i++) {
                trainer.trainStep();
            }
            straight = TrainFixtures.weights(model.lm());
            straight.putAll(trainer.optimizer().snapshot());
        }
        try (MusicModel model = TrainFixtures.tinyFull(4);
                LmTrainer trainer = LmTrainer.start(model, config(4), TRAIN, VALIDATION, dir.resolve("b"),
                        TrainFixtures.description())) {
            trainer.trainStep();
            trainer.trainStep();
            trainer.checkpoint();
        }
        try (LmTrainer trainer = LmTrainer.resume(dir.resolve("b"), TRAIN, VALIDATION, Device.cpu())) {
            assertTrue(trainer.codesReused());
            trainer.trainStep();
            trainer.trainStep();
            Map<String, float[]> resumed = TrainFixtures.weights(trainer.model().lm());
            resumed.putAll(trainer.optimizer().snapshot());
            double d = TrainFixtures.maxDifference(straight, resumed);
            assertTrue(d <= 1e-6, "differ by " + d);
        }
    }
}
