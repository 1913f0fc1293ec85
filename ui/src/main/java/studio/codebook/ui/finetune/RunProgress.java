package studio.codebook.ui.finetune;

/**
 * Where a fine-tune is, for the progress bar and its line of text.
 *
 * @param phase "codec" or "language model"
 * @param phaseNumber 1-based number of the phase
 * @param phaseCount phases of the run (1 or 2)
 * @param step steps done in this phase (0 while it is being prepared)
 * @param totalSteps steps of this phase
 * @param etaSeconds estimated time to the end of this phase (NaN while preparing)
 * @param skippedSteps steps the trainer's non-finite guard skipped in this phase
 * @param activity what happens besides training ("scanning 3 of 10 files"), or empty while training
 */
public record RunProgress(String phase, int phaseNumber, int phaseCount, int step, int totalSteps, double etaSeconds,
        int skippedSteps, String activity) {

    /** Done over the whole run, 0..1. */
    public double fraction() {
        double inPhase = totalSteps == 0 ? 0 : (double) step / totalSteps;
        return Math.min(1, (phaseNumber - 1 + inPhase) / phaseCount);
    }
}
