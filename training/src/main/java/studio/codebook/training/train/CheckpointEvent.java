package studio.codebook.training.train;

import java.nio.file.Path;

/**
 * A checkpoint was written.
 *
 * @param step steps done
 * @param directory {@code runDir/checkpoints/step-NNNNNN}
 * @param reason "scheduled", "best", "cancelled" or "final"
 */
public record CheckpointEvent(int step, Path directory, String reason) {}
