package studio.codebook.training.train;

/**
 * Linear warm-up from 0 to the base rate over {@code warmupSteps}, then cosine decay to {@code minRate} at
 * {@code totalSteps}. A function of the step alone, so a resumed run follows the same curve.
 */
public record LearningRateSchedule(double baseRate, double minRate, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (!(baseRate > 0) || !(minRate >= 0) || minRate > baseRate) {
            throw new IllegalArgumentException("need 0 <= minRate <= baseRate and baseRate > 0, got " + minRate
                    + " and " + baseRate);
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("warmupSteps must be >= 0 and totalSteps >= 1");
        }
    }

    /** The rate for step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return minRate + (baseRate - minRate) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
