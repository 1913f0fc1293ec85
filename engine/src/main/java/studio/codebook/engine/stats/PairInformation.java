package studio.codebook.engine.stats;

/**
 * Mutual information between two codebooks, I(z^first_t ; z^second_{t+shift}), over all t where both
 * frames exist in the same clip.
 *
 * @param first codebook index of X (0-based)
 * @param second codebook index of Y (0-based)
 * @param shift s: X at frame t is paired with Y at frame t+s
 * @param pairs N, the number of (x, y) pairs counted
 * @param plugInBits Ĥ(X) + Ĥ(Y) − Ĥ(X,Y) from the histograms
 * @param millerMadowBits the same with each entropy Miller–Madow corrected
 * @param biasBoundBits (m_x−1)(m_y−1)/(2N ln 2): the expected plug-in value if X and Y were independent
 * @param adequacy verdict of {@link SampleAdequacy#judge}
 */
public record PairInformation(
        int first,
        int second,
        int shift,
        long pairs,
        double plugInBits,
        double millerMadowBits,
        double biasBoundBits,
        SampleAdequacy adequacy) {

    /** The same numbers for (Y, X) at −shift, which counts the same pairs. */
    PairInformation swapped() {
        return new PairInformation(second, first, -shift, pairs, plugInBits, millerMadowBits, biasBoundBits, adequacy);
    }
}
