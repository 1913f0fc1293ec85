package studio.codebook.engine.stats;

/**
 * Whether enough frames were counted for a dependence estimate to mean something.
 *
 * <p>The rule compares the bias bound b (the expected plug-in value for independent codes, see
 * {@link PairInformation#biasBoundBits()}) with the plug-in estimate Î, which is roughly b plus
 * the true value:
 * <ul>
 *   <li>no pairs at all: {@link #TOO_FEW_FRAMES};
 *   <li>b ≤ {@value #NEGLIGIBLE_BIAS_BITS} bits, or b ≤ {@value #ADEQUATE_RATIO}·Î: {@link #ADEQUATE}
 *       (the bias is negligible in absolute terms, or the estimate is at least ten times its bias);
 *   <li>b ≤ {@value #MARGINAL_RATIO}·Î: {@link #MARGINAL} (true value at least about the bias;
 *       compare the Miller–Madow value, not the plug-in one);
 *   <li>otherwise {@link #TOO_FEW_FRAMES}: most of Î may be bias; more audio is needed.
 * </ul>
 */
public enum SampleAdequacy {
    ADEQUATE,
    MARGINAL,
    TOO_FEW_FRAMES;

    /** A bias below this many bits is negligible whatever the estimate. */
    public static final double NEGLIGIBLE_BIAS_BITS = 0.01;
    /** Bias at most this fraction of the plug-in estimate: adequate. */
    public static final double ADEQUATE_RATIO = 0.1;
    /** Bias at most this fraction of the plug-in estimate: marginal. */
    public static final double MARGINAL_RATIO = 0.5;

    /**
     * Applies the rule above.
     *
     * @param samples pairs (or tuples) counted
     * @param plugInBits the plug-in estimate
     * @param biasBoundBits the bias bound for independent codes
     */
    public static SampleAdequacy judge(long samples, double plugInBits, double biasBoundBits) {
        if (samples <= 0) {
            return TOO_FEW_FRAMES;
        }
        if (biasBoundBits <= NEGLIGIBLE_BIAS_BITS || biasBoundBits <= ADEQUATE_RATIO * plugInBits) {
            return ADEQUATE;
        }
        return biasBoundBits <= MARGINAL_RATIO * plugInBits ? MARGINAL : TOO_FEW_FRAMES;
    }

    /** The worse of the two verdicts. */
    public SampleAdequacy worse(SampleAdequacy other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
