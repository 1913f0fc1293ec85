package studio.codebook.ui.finetune;

import java.util.Objects;
import java.util.regex.Pattern;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.loss.Alignment;
import studio.codebook.training.loss.IndependenceConfig;
import studio.codebook.training.train.CodecTrainingConfig;
import studio.codebook.training.train.LmTrainingConfig;

/**
 * What the user chose for one fine-tune, with the command line's {@code finetune} defaults: 1000 steps
 * per phase, batch 8, seed 1, λ 0 with the delay alignment, codec segments of 1 s, language-model windows
 * of 250 frames, and learning rates 0.3 × the from-scratch ones (codec 9e-5, language model 3e-4; each
 * decays to a tenth). Validated on construction with messages a musician can act on.
 *
 * @param target which networks to train
 * @param independenceWeight λ of the independence loss (0 = off)
 * @param alignment which codes the independence loss makes independent
 * @param steps optimiser steps of each phase
 * @param batchSize segments (codec) or windows (language model) per step
 * @param codecLearningRate the codec's peak learning rate
 * @param lmLearningRate the language model's peak learning rate
 * @param segmentSeconds length of the codec's training segments
 * @param lmFrames code frames per language-model window
 * @param seed data order, validation split and the losses' random draws
 * @param modelName folder name of the new model inside the models folder
 */
public record FineTuneSettings(TrainingTarget target, double independenceWeight, Alignment alignment, int steps,
        int batchSize, double codecLearningRate, double lmLearningRate, double segmentSeconds, int lmFrames,
        long seed, String modelName) {

    /** The command line's {@code --learning-rate-scale} default: gentler on the base than training from scratch. */
    public static final double RATE_SCALE = 0.3;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");

    public FineTuneSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(alignment, "alignment");
        require(independenceWeight >= 0 && Double.isFinite(independenceWeight),
                "λ (independence weight) must be 0 or more, not " + independenceWeight);
        require(steps >= 1 && steps <= 10_000_000, "steps must be at least 1, not " + steps);
        require(batchSize >= 1 && batchSize <= 4096, "batch size must be at least 1, not " + batchSize);
        require(codecLearningRate > 0 && codecLearningRate <= 1, "the codec learning rate must be in (0, 1], not "
                + codecLearningRate);
        require(lmLearningRate > 0 && lmLearningRate <= 1, "the language-model learning rate must be in (0, 1], not "
                + lmLearningRate);
        require(segmentSeconds >= 0.1 && segmentSeconds <= 60, "segment length must be 0.1–60 s, not "
                + segmentSeconds + " s");
        require(lmFrames >= 1, "language-model window must be at least 1 frame, not " + lmFrames);
        modelName = modelName == null ? "" : modelName.strip();
        require(NAME.matcher(modelName).matches(), "model name '" + modelName + "': use 1–64 letters, digits, spaces,"
                + " dots, dashes or underscores, starting with a letter or digit");
    }

    /** The command line's defaults, writing the model named {@code modelName}. */
    public static FineTuneSettings defaults(String modelName) {
        return new FineTuneSettings(TrainingTarget.BOTH, 0, Alignment.DELAY, 1000, 8, 3e-4 * RATE_SCALE,
                1e-3 * RATE_SCALE, 1.0, 250, 1, modelName);
    }

    /** The codec phase's configuration (as {@code finetune}: defaults, λ and alignment, the scaled rate). */
    public CodecTrainingConfig codecConfig() {
        CodecTrainingConfig c = CodecTrainingConfig.defaults(steps, batchSize, seed)
                .withIndependence(IndependenceConfig.defaults(independenceWeight).withAlignment(alignment));
        return c.withLearningRate(codecLearningRate, codecLearningRate / 10, c.warmupSteps());
    }

    /** The language-model phase's configuration. */
    public LmTrainingConfig lmConfig() {
        LmTrainingConfig c = LmTrainingConfig.defaults(steps, batchSize, lmFrames, seed);
        return c.withLearningRate(lmLearningRate, lmLearningRate / 10, c.warmupSteps());
    }

    /** How the codec's segments are cut: {@link #segmentSeconds} without overlap, as {@code finetune}. */
    public LibraryConfig codecLibrary(int sampleRate) {
        return library(sampleRate, segmentSeconds, seed);
    }

    /** How the language model's segments are cut: long enough for one window (at least 0.5 s). */
    public LibraryConfig lmLibrary(int sampleRate, double frameRate) {
        return library(sampleRate, Math.max(lmFrames / frameRate, 0.5), seed);
    }

    /** Non-overlapping segments, tracks of 1 s or more (or one segment), 10 % held out, −16 LUFS. */
    static LibraryConfig library(int sampleRate, double segmentSeconds, long seed) {
        LibraryConfig d = LibraryConfig.defaults();
        return new LibraryConfig(sampleRate, segmentSeconds, segmentSeconds, Math.min(d.minTrackSeconds(),
                segmentSeconds), d.validationFraction(), d.targetLufs(), d.peakCeilingDb(), seed);
    }

    public FineTuneSettings withSteps(int newSteps) {
        return new FineTuneSettings(target, independenceWeight, alignment, newSteps, batchSize, codecLearningRate,
                lmLearningRate, segmentSeconds, lmFrames, seed, modelName);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
