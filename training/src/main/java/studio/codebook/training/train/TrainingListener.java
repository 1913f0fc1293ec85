package studio.codebook.training.train;

/** Receives a run's events on the training thread; keep handlers short (hand work to the UI thread). */
public interface TrainingListener {

    default void onProgress(TrainingProgress progress) {}

    default void onValidation(ValidationResult result) {}

    /** Just before a checkpoint is written (the crash test kills the process between this and the next). */
    default void onCheckpointStarted(int step, String reason) {}

    default void onCheckpoint(CheckpointEvent event) {}

    default void onFinished(TrainingResult result) {}
}
