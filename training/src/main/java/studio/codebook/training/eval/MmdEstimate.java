package studio.codebook.training.eval;

import java.util.List;
import studio.codebook.engine.quantize.StreamKind;
import studio.codebook.training.loss.Alignment;

/**
 * The independence loss's MMD² on held-out latents for one alignment (no λ, no gradient).
 *
 * @param alignment which stream frames form one joint sample
 * @param streamKind the per-stage vector measured
 * @param samples frames per estimate (N, after the alignment's crop and any subsampling)
 * @param availableSamples frames the segments provide after the alignment's crop
 * @param unclamped one unclamped estimate per permutation draw
 * @param mean mean of the unclamped estimates
 * @param std their standard deviation (0 for one draw)
 * @param clampedMean mean of max(0, estimate): the value the training loss would report
 * @param nullLevel mean unclamped estimate after each stream's frames were shuffled independently (one
 *     shuffle per draw): what independent streams with these marginals give. The estimator is biased low
 *     by O(1/N), so compare {@code mean} with this, not with 0
 */
public record MmdEstimate(Alignment alignment, StreamKind streamKind, int samples, int availableSamples,
        List<Double> unclamped, double mean, double std, double clampedMean, double nullLevel) {

    public MmdEstimate {
        unclamped = List.copyOf(unclamped);
    }
}
