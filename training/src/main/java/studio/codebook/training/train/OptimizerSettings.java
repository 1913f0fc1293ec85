package studio.codebook.training.train;

/**
 * What the two trainers' configurations share: the schedule, the optimiser, clipping and the rhythm of
 * validation and checkpoints. Implemented by {@link CodecTrainingConfig} and {@link LmTrainingConfig}.
 */
public interface OptimizerSettings {

    int steps();

    int batchSize();

    double learningRate();

    double minLearningRate();

    double beta1();

    double beta2();

    double weightDecay();

    int warmupSteps();

    double gradientClip();

    int validateEvery();

    int checkpointEvery();

    int keepCheckpoints();

    long seed();

    default LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate(), minLearningRate(), warmupSteps(), steps());
    }

    /** Checks the shared values; {@code what} names the config in messages. */
    static void validate(String what, int steps, int batchSize, double learningRate, double minLearningRate,
            double beta1, double beta2, double weightDecay, int warmupSteps, double gradientClip, int validateEvery,
            int checkpointEvery, int keepCheckpoints) {
        require(steps >= 1, what + ": steps must be >= 1, not " + steps);
        require(batchSize >= 1, what + ": batchSize must be >= 1, not " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), what + ": learningRate must be > 0");
        require(minLearningRate >= 0 && minLearningRate <= learningRate,
                what + ": minLearningRate must be in [0, learningRate]");
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, what + ": betas must be in [0, 1)");
        require(weightDecay >= 0, what + ": weightDecay must be >= 0");
        require(warmupSteps >= 0, what + ": warmupSteps must be >= 0");
        require(gradientClip >= 0, what + ": gradientClip must be >= 0 (0 = no clipping)");
        require(validateEvery >= 0 && checkpointEvery >= 0, what + ": validateEvery and checkpointEvery must be >= 0 (0 = never)");
        require(keepCheckpoints >= 1, what + ": keepCheckpoints must be >= 1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
