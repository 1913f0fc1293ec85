package studio.codebook.engine.stats;

/**
 * The sum of pairwise mutual information Σ_{k<l} I(z^k ; z^l): a proxy for total correlation, not
 * TC itself. It equals TC for K = 2. For K ≥ 3 it can over- or understate TC: three copies of one
 * code give a sum of 3H but TC = 2H; z³ = z¹ xor z² gives a sum of 0 but TC = 1 bit. The largest
 * pair is a true lower bound on TC. The research code's "plug-in TC over random tuples of 2 streams"
 * is a pair's MI, whose expectation over random pairs is {@link #meanPairBits()}.
 *
 * @param codebookPairs K(K−1)/2
 * @param plugInBits sum of plug-in pair values
 * @param millerMadowBits sum of Miller–Madow pair values
 * @param normalised millerMadowBits / Σ_k H_MM(z^k); can exceed 1 when codebooks repeat each other
 * @param meanPairBits millerMadowBits / codebookPairs
 * @param largestPairBits the largest Miller–Madow pair value, a lower bound on TC
 * @param biasBoundBits the sum of the pairs' bias bounds
 * @param adequacy the worst verdict over the pairs
 */
public record PairwiseInformationSum(
        int codebookPairs,
        double plugInBits,
        double millerMadowBits,
        double normalised,
        double meanPairBits,
        double largestPairBits,
        double biasBoundBits,
        SampleAdequacy adequacy) {
}
