package studio.codebook.ui.finetune;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a fine-tune ended when it was not a failure.
 *
 * @param cancelled whether the user stopped it during a phase
 * @param phase the phase that ran last ("codec" or "language model")
 * @param step steps done in that phase
 * @param totalSteps steps that phase was to run
 * @param model the new model in the models folder, or null when cancelled (nothing is published then)
 * @param lastCheckpoint the last checkpoint written (kept in the run folder)
 * @param runDir the run folder: manifests with the caption edits, checkpoints, metrics
 * @param metrics the last phase's final metrics, as written into the model's provenance
 */
public record FineTuneOutcome(boolean cancelled, String phase, int step, int totalSteps, Path model,
        Path lastCheckpoint, Path runDir, Map<String, Double> metrics) {

    public FineTuneOutcome {
        metrics = Map.copyOf(metrics);
    }
}
