package studio.codebook.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;
import studio.codebook.training.data.Segment;

class CodecTrainerTest {

    private static final List<Segment> TRAIN = TrainFixtures.sines(8, 3200, 1);
    private static final List<Segment> VALIDATION = TrainFixtures.sines(2, 3200, 2);

    @Test
    void aCodecTrainingKeepsTheWindowTheLanguageModelWasTrainedOn(@TempDir Path dir) throws Exception {
        Provenance lmTrained = new Provenance("2026-11-26T00:00:00Z", "test", 1, null, "test", 10,
                Map.of("trainer", "lm", "frames", 16), Map.of(), null);
        ModelConfig architecture = ModelPresets.architecture("tiny", "rvq", "tiny-lm");
        try (MusicModel model = MusicModel.create(architecture.withProvenance(lmTrained), Device.cpu(), 3);
                CodecTrainer trainer = CodecTrainer.start(model, TrainFixtures.codecConfig(2, 0.0), TRAIN, VALIDATION,
                        dir.resolve("run"), TrainFixtures.description())) {
            trainer.trainStep();
            Provenance after = trainer.provenance("refined");
            assertEquals("codec", after.hyperparameters().get("trainer"));
            assertEquals(16, after.lmTrainingFrames().orElse(-1),
                    "a decoder refinement leaves the LM as it was, and generation must still know its window");
            // and on along a chain of refinements (a resumed run reads the checkpoint's provenance)
            trainer.checkpoint();
        }
        try (CodecTrainer resumed = CodecTrainer.resume(dir.resolve("run"), TRAIN, VALIDATION, Device.cpu())) {
            resumed.trainStep();
            assertEquals(16, resumed.provenance("refined").lmTrainingFrames().orElse(-1));
        }
        try (MusicModel codecOnly = TrainFixtures.tinyCodec(3);
                CodecTrainer trainer = CodecTrainer.start(codecOnly, TrainFixtures.codecConfig(2, 0.0), TRAIN,
                        VALIDATION, dir.resolve("codec"), TrainFixtures.description())) {
            trainer.trainStep();
            assertTrue(trainer.provenance("codec").lmTrainingFrames().isEmpty(), "no LM, no window");
        }
    }

    @Test
    void lossGoesDownAndTheIndependenceLossIsReportedEveryMSteps(@TempDir Path dir) throws Exception {
        try (MusicModel model = TrainFixtures.tinyCodec(3);
                CodecTrainer trainer = CodecTrainer.start(model, TrainFixtures.codecConfig(24, 0.5), TRAIN, VALIDATION,
                        dir, TrainFixtures.description())) {
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Trainer.StepResult r = trainer.trainStep();
                assertFalse(r.skipped(), "step " + i + " skipped: " + r.losses());
                losses.add(r.losses().get("reconstruction"));
                // M = 2: the macro-batch closes after steps 1, 3, 5, …
                assertEquals(i % 2 == 1, r.losses().containsKey("mmd"), "step " + i + ": " + r.losses().keySet());
                if (i % 2 == 1) {
                    assertTrue(r.losses().get("mmd") >= 0 && r.losses().get("mmdMillis") > 0);
                }
            }
            double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
            double last = (losses.get(21) + losses.get(22) + losses.get(23)) / 3;
            assertTrue(last < 0.8 * first, "reconstruction " + first + " -> " + last);
            ValidationResult v = trainer.validate();
            assertTrue(Double.isFinite(v.loss()) && v.metrics().containsKey("mmd"), v.toString());
        }
    }

    @Test
    void sixStepsStraightEqualThreeStepsThenResumeAndThree(@TempDir Path dir) throws Exception {
        CodecTrainingConfig config = TrainFixtures.codecConfig(6, 0.5);
        Map<String, float[]> straightWeights;
        Map<String, float[]> straightAdam;
        try (MusicModel model = TrainFixtures.tinyCodec(5);
                CodecTrainer trainer = CodecTrainer.start(model, config, TRAIN, VALIDATION, dir.resolve("straight"),
                        TrainFixtures.description())) {
            for (int i = 0; i < 6; i++) {
                trainer.trainStep();
            }
            straightWeights = TrainFixtures.weights(model.codec().block());
            straightAdam = trainer.optimizer().snapshot();
        }
        Path run = dir.resolve("interrupted");
        TrainFixtures.interruptedCodecRun(config, TRAIN, VALIDATION, run);
        try (CodecTrainer trainer = CodecTrainer.resume(run, TRAIN, VALIDATION, Device.cpu())) {
            assertEquals(3, trainer.step());
            for (int i = 0; i < 3; i++) {
                trainer.trainStep();
            }
            double dw = TrainFixtures.maxDifference(straightWeights, TrainFixtures.weights(trainer.model().codec().block()));
            double da = TrainFixtures.maxDifference(straightAdam, trainer.optimizer().snapshot());
            assertTrue(dw <= 1e-6, "weights differ by " + dw);
            assertTrue(da <= 1e-6, "optimiser state differs by " + da);
            assertEquals(6, trainer.optimizer().step());
        }
    }

    @Test
    void aNonFiniteStepChangesNothingAndIsCounted(@TempDir Path dir) throws Exception {
        try (MusicModel model = TrainFixtures.tinyCodec(9);
                CodecTrainer trainer = CodecTrainer.start(model, TrainFixtures.codecConfig(6, 0.5), TRAIN, VALIDATION,
                        dir, TrainFixtures.description())) {
            trainer.setLossMultiplier(s -> s == 2 ? Double.NaN : 1.0);
            trainer.trainStep();
            trainer.trainStep();
            Map<String, float[]> before = TrainFixtures.weights(model.codec().block());
            Map<String, float[]> adamBefore = trainer.optimizer().snapshot();
            Trainer.StepResult third = trainer.trainStep();
            assertTrue(third.skipped());
            assertEquals(1, trainer.skippedSteps());
            // the EMA codebooks were updated by the forward and must have been restored too
            assertEquals(0.0, TrainFixtures.maxDifference(before, TrainFixtures.weights(model.codec().block())));
            assertEquals(0.0, TrainFixtures.maxDifference(adamBefore, trainer.optimizer().snapshot()));
            assertEquals(2, trainer.optimizer().step());
            Trainer.StepResult fourth = trainer.trainStep();
            assertFalse(fourth.skipped());
            assertTrue(Double.isFinite(fourth.losses().get("loss")));
            assertNotEquals(0.0, TrainFixtures.maxDifference(before, TrainFixtures.weights(model.codec().block())));
            assertEquals(3, trainer.optimizer().step());
            trainer.checkpoint();
            try (MusicModel saved = MusicModel.load(trainer.checkpoints().folder(4).resolve("model"), Device.cpu())) {
                for (float[] values : TrainFixtures.weights(saved.codec().block()).values()) {
                    for (float x : values) {
                        assertTrue(Float.isFinite(x));
                    }
                }
            }
        }
    }

    @Test
    void aSegmentFullOfNanIsSkippedEveryTimeItComesUp(@TempDir Path dir) throws Exception {
        List<Segment> data = new ArrayList<>(TRAIN.subList(0, 4));
        float[] nan = new float[3200];
        java.util.Arrays.fill(nan, Float.NaN);
        data.add(new Segment("broken", nan, "noise"));
        CodecTrainingConfig config = TrainFixtures.codecConfig(5, 0).withRhythm(0, 0, 1);
        config = new CodecTrainingConfig(5, 1, config.learningRate(), config.minLearningRate(), 0.5, 0.9, 0, 1, 1.0,
                0, 0, 1, 7, config.independence(), config.reconstruction(), 1.0, false);
        try (MusicModel model = TrainFixtures.tinyCodec(9);
                CodecTrainer trainer = CodecTrainer.start(model, config, data, List.of(), dir,
                        TrainFixtures.description())) {
            for (int i = 0; i < 5; i++) {
                trainer.trainStep();
            }
            assertEquals(1, trainer.skippedSteps(), "one epoch of batch 1 meets the NaN segment once");
            for (float[] values : TrainFixtures.weights(model.codec().block()).values()) {
                for (float x : values) {
                    assertTrue(Float.isFinite(x));
                }
            }
        }
    }
}
