package studio.codebook.training.eval;

import java.util.List;
import studio.codebook.engine.quantize.StreamKind;
import studio.codebook.engine.stats.CoarseGraining;
import studio.codebook.training.loss.IndependenceConfig;

/**
 * How an evaluation measures.
 *
 * @param mmdPermutations independent draws of the MMD² estimate per alignment (each a fresh set of K
 *     permutations and, when there are more than {@code mmdMaxSamples} frames, a fresh subsample);
 *     default {@value #DEFAULT_PERMUTATIONS}
 * @param mmdMaxSamples frames (samples) per MMD² estimate; the cost grows as its square; default the
 *     training default, {@value IndependenceConfig#DEFAULT_MAX_SAMPLES}
 * @param streamKind the per-stage vector the MMD² is computed on (default the paper's codeword)
 * @param sigmas kernel bandwidths (default the paper's)
 * @param groups groups per codebook for the coarse-grained total correlation (capped at the codebook size)
 * @param seed seeds the permutations and subsamples, so an evaluation is reproducible
 */
public record EvaluationSettings(int mmdPermutations, int mmdMaxSamples, StreamKind streamKind, List<Double> sigmas,
        int groups, long seed) {

    public static final int DEFAULT_PERMUTATIONS = 8;

    public EvaluationSettings {
        if (mmdPermutations < 1) {
            throw new IllegalArgumentException("MMD permutations must be >= 1, not " + mmdPermutations);
        }
        if (mmdMaxSamples < 0 || mmdMaxSamples == 1) {
            throw new IllegalArgumentException("MMD samples must be 0 (all) or >= 2, not " + mmdMaxSamples);
        }
        streamKind = streamKind == null ? StreamKind.CODEWORD : streamKind;
        sigmas = sigmas == null ? IndependenceConfig.DEFAULT_SIGMAS : List.copyOf(sigmas);
        if (groups < 2) {
            throw new IllegalArgumentException("coarse-graining groups must be >= 2, not " + groups);
        }
    }

    /** 8 permutations of up to 2048 frames, codeword streams, the paper's σ, 4 groups, seed 0. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(DEFAULT_PERMUTATIONS, IndependenceConfig.DEFAULT_MAX_SAMPLES,
                StreamKind.CODEWORD, IndependenceConfig.DEFAULT_SIGMAS, CoarseGraining.DEFAULT_GROUPS, 0);
    }

    public EvaluationSettings withPermutations(int permutations) {
        return new EvaluationSettings(permutations, mmdMaxSamples, streamKind, sigmas, groups, seed);
    }

    public EvaluationSettings withSeed(long newSeed) {
        return new EvaluationSettings(mmdPermutations, mmdMaxSamples, streamKind, sigmas, groups, newSeed);
    }
}
