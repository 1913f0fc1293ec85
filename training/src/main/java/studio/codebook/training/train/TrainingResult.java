package studio.codebook.training.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param steps steps done
 * @param skippedSteps steps skipped by the non-finite guard
 * @param cancelled whether it stopped early on request
 * @param model {@code runDir/model}: the trained model with its provenance
 * @param lastCheckpoint the checkpoint at {@code steps}
 * @param metrics the final metrics written into the provenance
 */
public record TrainingResult(int steps, int skippedSteps, boolean cancelled, Path model, Path lastCheckpoint,
        Map<String, Double> metrics) {

    public TrainingResult {
        metrics = Map.copyOf(metrics);
    }
}
