package studio.codebook.training.train;

import java.nio.file.Path;
import studio.codebook.engine.model.MusicModel;

/**
 * The child process of {@link CheckpointCrashTest}: trains the tiny codec with a checkpoint after every
 * step, announcing "writing N" before and "written N" after each, with a pause between the files of a
 * checkpoint so the parent can kill it in the middle of one.
 */
public final class CrashChild {

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]);
        CheckpointStore.testDelayMillis = Long.parseLong(args[1]);
        CodecTrainingConfig config = TrainFixtures.codecConfig(100_000, 0.5).withRhythm(0, 1, 2);
        try (MusicModel model = TrainFixtures.tinyCodec(3);
                CodecTrainer trainer = CodecTrainer.start(model, config, CheckpointCrashTest.TRAIN, java.util.List.of(),
                        runDir, TrainFixtures.description())) {
            new TrainingRun(trainer).addListener(new TrainingListener() {
                @Override
                public void onCheckpointStarted(int step, String reason) {
                    System.out.println("writing " + step);
                    System.out.flush();
                }

                @Override
                public void onCheckpoint(CheckpointEvent event) {
                    System.out.println("written " + event.step());
                    System.out.flush();
                }
            }).runHere();
        }
    }
}
