package studio.codebook.training.train;

/**
 * How to train the language model (and the text encoder with it) on codes of a frozen codec.
 *
 * @param steps optimiser steps in the whole run
 * @param batchSize code windows per step
 * @param frames frames per window (a window is cut at a random offset from a segment; a shorter segment
 *     gives all its frames)
 * @param learningRate peak rate after warm-up (1e-3 suits the tiny preset)
 * @param minLearningRate the floor the cosine decays to
 * @param beta1 Adam β₁ (0.9)
 * @param beta2 Adam β₂ (0.95)
 * @param weightDecay decoupled (AdamW) weight decay, 0 = plain Adam
 * @param warmupSteps linear warm-up steps
 * @param gradientClip maximum global gradient norm (0 = no clipping)
 * @param conditionDropout probability, per example, that its caption is replaced by "" (the unconditional
 *     condition), so classifier-free guidance has something to subtract
 * @param validateEvery steps between validations (0 = only at the end)
 * @param checkpointEvery steps between checkpoints (0 = only at the end)
 * @param keepCheckpoints how many of the latest checkpoints to keep (the best one is kept as well)
 * @param seed data order, windows and condition dropout
 * @param freezeTextEncoder train only the text encoder's output projection, keeping its token embedding and
 *     transformer at their (random or pretrained) values, as MusicGen keeps T5 frozen. Trained jointly from
 *     scratch, the encoder of the default model collapsed to nearly the same states for every caption
 *     (cosine 0.997 between captions after 2500 steps) and the LM ignored the prompt; absent in older
 *     configs = false
 * @param contextNoise the most of a training window's input codes replaced by random codes: each window draws
 *     its share uniformly from [0, contextNoise] and the targets stay the real codes, so the LM learns to
 *     follow the caption back from a context that went astray (its own samples at generation) instead of
 *     only continuing it; 0 = none (absent in older configs = 0)
 */
public record LmTrainingConfig(
        int steps,
        int batchSize,
        int frames,
        double learningRate,
        double minLearningRate,
        double beta1,
        double beta2,
        double weightDecay,
        int warmupSteps,
        double gradientClip,
        double conditionDropout,
        int validateEvery,
        int checkpointEvery,
        int keepCheckpoints,
        long seed,
        boolean freezeTextEncoder,
        double contextNoise) implements OptimizerSettings {

    public LmTrainingConfig {
        OptimizerSettings.validate("LM training", steps, batchSize, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints);
        if (frames < 1) {
            throw new IllegalArgumentException("LM training: frames must be >= 1, not " + frames);
        }
        if (!(conditionDropout >= 0 && conditionDropout <= 1)) {
            throw new IllegalArgumentException("LM training: conditionDropout must be in [0, 1]");
        }
        if (!(contextNoise >= 0 && contextNoise <= 1)) {
            throw new IllegalArgumentException("LM training: contextNoise must be in [0, 1]");
        }
    }

    /** lr 1e-3, betas (0.9, 0.95), warm-up 5%, clip 1.0, condition dropout 0.3. */
    public static LmTrainingConfig defaults(int steps, int batchSize, int frames, long seed) {
        return new LmTrainingConfig(steps, batchSize, frames, 1e-3, 1e-4, 0.9, 0.95, 0.0, steps / 20, 1.0, 0.3,
                Math.max(1, steps / 10), Math.max(1, steps / 10), 3, seed, false, 0);
    }

    public LmTrainingConfig withRhythm(int validate, int checkpoint, int keep) {
        return new LmTrainingConfig(steps, batchSize, frames, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, conditionDropout, validate, checkpoint, keep, seed, freezeTextEncoder, contextNoise);
    }

    public LmTrainingConfig withLearningRate(double rate, double min, int warmup) {
        return new LmTrainingConfig(steps, batchSize, frames, rate, min, beta1, beta2, weightDecay, warmup,
                gradientClip, conditionDropout, validateEvery, checkpointEvery, keepCheckpoints, seed, freezeTextEncoder, contextNoise);
    }

    public LmTrainingConfig withConditionDropout(double p) {
        return new LmTrainingConfig(steps, batchSize, frames, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, p, validateEvery, checkpointEvery, keepCheckpoints, seed,
                freezeTextEncoder, contextNoise);
    }

    public LmTrainingConfig withSteps(int newSteps) {
        return new LmTrainingConfig(newSteps, batchSize, frames, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, conditionDropout, validateEvery, checkpointEvery,
                keepCheckpoints, seed, freezeTextEncoder, contextNoise);
    }

    public LmTrainingConfig withFreezeTextEncoder(boolean freeze) {
        return new LmTrainingConfig(steps, batchSize, frames, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, conditionDropout, validateEvery, checkpointEvery,
                keepCheckpoints, seed, freeze, contextNoise);
    }

    public LmTrainingConfig withContextNoise(double share) {
        return new LmTrainingConfig(steps, batchSize, frames, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, conditionDropout, validateEvery, checkpointEvery,
                keepCheckpoints, seed, freezeTextEncoder, share);
    }
}
