package studio.codebook.training.train;

/** A run failed; the cause says why. Thrown by {@link TrainingRun#await()}. */
public final class TrainingException extends Exception {

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
