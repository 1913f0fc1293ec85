package studio.codebook.engine.generate;

/**
 * Where a generation is.
 *
 * @param step steps done (language-model steps over all windows)
 * @param totalSteps steps the whole generation takes
 * @param frames frames of codes finished
 * @param totalFrames frames the clip will have (continued audio included)
 * @param elapsedNanos time since the generation started
 */
public record GenerationProgress(int step, int totalSteps, int frames, int totalFrames, long elapsedNanos) {

    /** Fraction done, 0..1. */
    public double fraction() {
        return totalSteps == 0 ? 1 : (double) step / totalSteps;
    }

    /** Language-model steps per second so far. */
    public double stepsPerSecond() {
        return elapsedNanos == 0 ? 0 : step / (elapsedNanos / 1e9);
    }
}
