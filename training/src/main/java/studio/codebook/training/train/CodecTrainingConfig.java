package studio.codebook.training.train;

import java.util.Objects;
import studio.codebook.training.loss.AdversarialConfig;
import studio.codebook.training.loss.IndependenceConfig;
import studio.codebook.training.loss.ReconstructionConfig;

/**
 * How to train a codec. The segment length comes from the data. Defaults follow REFERENCE.md (Adam 3e-4,
 * betas (0.5, 0.9)); the loss is {@code reconstruction + commitmentWeight · commitment + λ · MMD²}, the last
 * term on a macro-batch every {@code independence.macroBatches} steps (METHOD.md points 6–7).
 *
 * @param steps optimiser steps in the whole run
 * @param batchSize segments per step
 * @param learningRate peak rate after warm-up
 * @param minLearningRate the floor the cosine decays to
 * @param beta1 Adam β₁ (0.5)
 * @param beta2 Adam β₂ (0.9)
 * @param weightDecay decoupled (AdamW) weight decay, 0 = plain Adam
 * @param warmupSteps linear warm-up steps
 * @param gradientClip maximum global gradient norm (0 = no clipping)
 * @param validateEvery steps between validations (0 = only at the end)
 * @param checkpointEvery steps between checkpoints (0 = only at the end)
 * @param keepCheckpoints how many of the latest checkpoints to keep (the best one is kept as well)
 * @param seed data order, the independence loss's permutations, the quantizer's dead-code draws
 * @param independence λ and the settings of the independence loss ({@link IndependenceConfig#off()} for λ = 0)
 * @param reconstruction time L1 and multi-scale mel weights
 * @param commitmentWeight multiplies the quantizer's commitment loss (which already carries the quantizer
 *     config's own weight)
 * @param adversarial whether to train against a multi-scale STFT discriminator ({@link CodecTrainer}
 *     describes the step); off by default
 * @param adversarialLoss the discriminator and the adversarial weights, used when {@code adversarial} is true
 *     (null = {@link AdversarialConfig#defaults()}, so configs saved before it existed still read)
 * @param decoderOnly refine the decoder of a trained codec: encoder and quantizer frozen (no gradients, no
 *     EMA updates, dead-code replacement or dropout), so the codes a language model was trained on stay
 *     exactly the same; only the decoder is trained (see {@link CodecTrainer}). Incompatible with the
 *     independence loss, which acts on the encoder's streams
 */
public record CodecTrainingConfig(
        int steps,
        int batchSize,
        double learningRate,
        double minLearningRate,
        double beta1,
        double beta2,
        double weightDecay,
        int warmupSteps,
        double gradientClip,
        int validateEvery,
        int checkpointEvery,
        int keepCheckpoints,
        long seed,
        IndependenceConfig independence,
        ReconstructionConfig reconstruction,
        double commitmentWeight,
        boolean adversarial,
        AdversarialConfig adversarialLoss,
        boolean decoderOnly) implements OptimizerSettings {

    public CodecTrainingConfig {
        OptimizerSettings.validate("codec training", steps, batchSize, learningRate, minLearningRate, beta1, beta2,
                weightDecay, warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints);
        Objects.requireNonNull(independence, "independence (use IndependenceConfig.off() for none)");
        Objects.requireNonNull(reconstruction, "reconstruction");
        if (!(independence.weight() >= 0)) {
            throw new IllegalArgumentException("codec training: the independence weight λ must be >= 0");
        }
        if (independence.weight() > 0 && independence.macroBatches() < 1) {
            throw new IllegalArgumentException("codec training: independence.macroBatches must be >= 1 when λ > 0");
        }
        if (!(commitmentWeight >= 0)) {
            throw new IllegalArgumentException("codec training: commitmentWeight must be >= 0");
        }
        if (adversarialLoss == null) {
            adversarialLoss = AdversarialConfig.defaults();
        }
        if (decoderOnly && independence.weight() > 0) {
            throw new IllegalArgumentException("codec training: the independence loss trains the encoder, which a "
                    + "decoder-only run keeps frozen; use λ = 0");
        }
    }

    /** Training the whole codec (not decoder-only). */
    public CodecTrainingConfig(int steps, int batchSize, double learningRate, double minLearningRate, double beta1,
            double beta2, double weightDecay, int warmupSteps, double gradientClip, int validateEvery,
            int checkpointEvery, int keepCheckpoints, long seed, IndependenceConfig independence,
            ReconstructionConfig reconstruction, double commitmentWeight, boolean adversarial,
            AdversarialConfig adversarialLoss) {
        this(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay, warmupSteps, gradientClip,
                validateEvery, checkpointEvery, keepCheckpoints, seed, independence, reconstruction, commitmentWeight,
                adversarial, adversarialLoss, false);
    }

    /** Without an adversarial configuration of its own: {@link AdversarialConfig#defaults()}. */
    public CodecTrainingConfig(int steps, int batchSize, double learningRate, double minLearningRate, double beta1,
            double beta2, double weightDecay, int warmupSteps, double gradientClip, int validateEvery,
            int checkpointEvery, int keepCheckpoints, long seed, IndependenceConfig independence,
            ReconstructionConfig reconstruction, double commitmentWeight, boolean adversarial) {
        this(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay, warmupSteps, gradientClip,
                validateEvery, checkpointEvery, keepCheckpoints, seed, independence, reconstruction, commitmentWeight,
                adversarial, AdversarialConfig.defaults(), false);
    }

    /** REFERENCE.md's optimiser, warm-up 5% of the steps, clip 1.0, no independence loss. */
    public static CodecTrainingConfig defaults(int steps, int batchSize, long seed) {
        return new CodecTrainingConfig(steps, batchSize, 3e-4, 3e-5, 0.5, 0.9, 0.0, steps / 20, 1.0,
                Math.max(1, steps / 10), Math.max(1, steps / 10), 3, seed, IndependenceConfig.off(),
                ReconstructionConfig.defaults(), 1.0, false, AdversarialConfig.defaults(), false);
    }

    public CodecTrainingConfig withIndependence(IndependenceConfig c) {
        return new CodecTrainingConfig(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints, seed, c, reconstruction,
                commitmentWeight, adversarial, adversarialLoss, decoderOnly);
    }

    public CodecTrainingConfig withLearningRate(double rate, double min, int warmup) {
        return new CodecTrainingConfig(steps, batchSize, rate, min, beta1, beta2, weightDecay, warmup, gradientClip,
                validateEvery, checkpointEvery, keepCheckpoints, seed, independence, reconstruction,
                commitmentWeight, adversarial, adversarialLoss, decoderOnly);
    }

    public CodecTrainingConfig withRhythm(int validate, int checkpoint, int keep) {
        return new CodecTrainingConfig(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validate, checkpoint, keep, seed, independence, reconstruction,
                commitmentWeight, adversarial, adversarialLoss, decoderOnly);
    }

    public CodecTrainingConfig withSteps(int newSteps) {
        return new CodecTrainingConfig(newSteps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints, seed, independence,
                reconstruction, commitmentWeight, adversarial, adversarialLoss, decoderOnly);
    }

    /** The adversarial loss on ({@code true}) or off, with the current adversarial configuration. */
    public CodecTrainingConfig withAdversarial(boolean on) {
        return new CodecTrainingConfig(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints, seed, independence,
                reconstruction, commitmentWeight, on, adversarialLoss, decoderOnly);
    }

    /** The adversarial loss on, with {@code c}. */
    public CodecTrainingConfig withAdversarial(AdversarialConfig c) {
        return new CodecTrainingConfig(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints, seed, independence,
                reconstruction, commitmentWeight, true, c, decoderOnly);
    }

    /** With other reconstruction weights (and front end). */
    public CodecTrainingConfig withReconstruction(ReconstructionConfig c) {
        return new CodecTrainingConfig(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints, seed, independence, c,
                commitmentWeight, adversarial, adversarialLoss, decoderOnly);
    }

    /** Decoder-only refinement on or off (see {@code decoderOnly}). */
    public CodecTrainingConfig withDecoderOnly(boolean on) {
        return new CodecTrainingConfig(steps, batchSize, learningRate, minLearningRate, beta1, beta2, weightDecay,
                warmupSteps, gradientClip, validateEvery, checkpointEvery, keepCheckpoints, seed, independence,
                reconstruction, commitmentWeight, adversarial, adversarialLoss, on);
    }
}
