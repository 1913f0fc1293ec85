package studio.codebook.ui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.Segment;
import studio.codebook.training.train.CodecTrainer;
import studio.codebook.training.train.CodecTrainingConfig;
import studio.codebook.training.train.RunDescription;
import studio.codebook.training.train.TrainingResult;
import studio.codebook.training.train.TrainingRun;

/** Requests made between phases reach the next run; pause holds it before its first step. */
class RunControlTest {

    @TempDir
    Path dir;

    @Test
    void aPauseAskedBeforeTheRunHoldsItUntilResumed() throws Exception {
        try (MusicModel model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "t"), Device.cpu(), 3);
                CodecTrainer trainer = CodecTrainer.start(model, CodecTrainingConfig.defaults(2, 2, 1), segments(),
                        List.of(), dir.resolve("run"), new RunDescription("test", null, "test"))) {
            RunControl control = new RunControl();
            control.pause(); // e.g. during the scan between the phases
            TrainingRun run = new TrainingRun(trainer);
            control.attach(run);
            run.start();
            Thread.sleep(500);
            assertEquals(0, trainer.step(), "a paused run must not step");
            assertTrue(run.isPaused());
            control.resume();
            TrainingResult result = run.await();
            assertEquals(2, result.steps());
            assertTrue(!result.cancelled());
        }
    }

    @Test
    void aCancelAskedBeforeTheRunStopsItAtOnceWithACheckpoint() throws Exception {
        try (MusicModel model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "t"), Device.cpu(), 3);
                CodecTrainer trainer = CodecTrainer.start(model, CodecTrainingConfig.defaults(3, 2, 1), segments(),
                        List.of(), dir.resolve("run"), new RunDescription("test", null, "test"))) {
            RunControl control = new RunControl();
            control.cancel();
            TrainingRun run = new TrainingRun(trainer);
            control.attach(run);
            TrainingResult result = run.runHere();
            assertTrue(result.cancelled());
            assertEquals(0, result.steps());
            assertTrue(java.nio.file.Files.isDirectory(result.lastCheckpoint()));
        }
    }

    private static List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            float[] samples = FineTuneFixture.chord(200 + 40 * i, 0.5, 16_000, i).channel(0);
            out.add(new Segment("track" + i, samples, "chord " + i));
        }
        return out;
    }
}
