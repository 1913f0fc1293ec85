package studio.codebook.engine.stats;

/**
 * Total correlation TC = Σ_k H(z^k) − H(z¹…zᴷ) under one alignment (same frame or delay pattern),
 * reported two ways because the joint entropy of K full codebooks cannot be estimated.
 *
 * @param alignment how the K codes of a tuple were chosen
 * @param alignmentDescription the alignment in words
 * @param pairwise the sum of pairwise mutual information (a proxy, not TC)
 * @param coarseGrained the TC of coarse-grained codes (a lower bound on the TC of the codes)
 */
public record TotalCorrelation(
        Alignment alignment,
        String alignmentDescription,
        PairwiseInformationSum pairwise,
        CoarseGrainedTotalCorrelation coarseGrained) {
}
