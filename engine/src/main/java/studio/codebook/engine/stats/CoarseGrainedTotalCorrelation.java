package studio.codebook.engine.stats;

/**
 * Total correlation of coarse-grained codes, TC = Σ_k H(g^k) − H(g¹…gᴷ), where g^k is the group of
 * z^k under a {@link CoarseGraining}, from the full joint histogram of the groups.
 *
 * @param groups G
 * @param groupingMethod how the groups were chosen
 * @param jointCells G^K, the cells of the joint histogram
 * @param occupiedJointCells cells seen at least once
 * @param frames N, the number of K-tuples counted
 * @param plugInBits plug-in TC
 * @param millerMadowBits TC with every entropy Miller–Madow corrected
 * @param marginalEntropyBits Σ_k H_MM(g^k)
 * @param normalised millerMadowBits / marginalEntropyBits, in [0, (K−1)/K] up to estimation error
 * @param biasBoundBits (Π m_k − 1 − Σ (m_k−1))/(2N ln 2): the expected plug-in TC of independent groups
 *     with m_k occupied groups each
 * @param adequacy {@link SampleAdequacy#judge} applied to the plug-in TC and its bias bound
 */
public record CoarseGrainedTotalCorrelation(
        int groups,
        String groupingMethod,
        long jointCells,
        long occupiedJointCells,
        long frames,
        double plugInBits,
        double millerMadowBits,
        double marginalEntropyBits,
        double normalised,
        double biasBoundBits,
        SampleAdequacy adequacy) {
}
