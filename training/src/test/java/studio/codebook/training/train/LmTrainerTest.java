package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.MusicModel;
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
