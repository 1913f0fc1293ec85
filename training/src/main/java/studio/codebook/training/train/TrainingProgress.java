package studio.codebook.training.train;

import java.util.Map;

/**
 * After each step.
 *
 * @param step steps done
 * @param totalSteps steps of the whole run
 * @param losses this step's losses and diagnostics by name ("loss", "gradNorm", "lr", …; NaN-valued on a
 *     skipped step)
 * @param stepsPerSecond recent speed
 * @param etaSeconds estimated time to the last step
 * @param skippedSteps steps skipped by the non-finite guard so far
 * @param phase "codec" or "lm", with ":skipped" when this step was skipped
 */
public record TrainingProgress(int step, int totalSteps, Map<String, Double> losses, double stepsPerSecond,
        double etaSeconds, int skippedSteps, String phase) {

    public TrainingProgress {
        losses = Map.copyOf(losses);
    }
}
