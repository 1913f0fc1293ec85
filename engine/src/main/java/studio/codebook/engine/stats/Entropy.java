package studio.codebook.engine.stats;

/**
 * Entropy estimators in bits, from histogram counts.
 *
 * <p>Plug-in: {@code Ĥ = log₂N − (1/N) Σ c log₂ c} over the occupied bins. It is biased downwards;
 * to first order {@code E[Ĥ] = H − (m−1)/(2N ln 2)} for m occupied bins, and Miller–Madow adds that
 * term back. Higher-order terms (of order m²/N²) and unseen bins remain, so the corrected value is
 * still low when N is not much larger than the support.
 */
public final class Entropy {

    static final double LN2 = Math.log(2);

    private Entropy() {
    }

    /** Plug-in entropy of a histogram; 0 for an empty one. */
    public static double plugInBits(long[] counts) {
        long n = 0;
        double sumCLnC = 0;
        for (long c : counts) {
            n += c;
            sumCLnC += cLnC(c);
        }
        return plugInBits(n, sumCLnC);
    }

    /** Miller–Madow entropy of a histogram: plug-in plus (m−1)/(2N ln 2). */
    public static double millerMadowBits(long[] counts) {
        long n = 0;
        long occupied = 0;
        for (long c : counts) {
            n += c;
            occupied += c > 0 ? 1 : 0;
        }
        return plugInBits(counts) + millerMadowCorrectionBits(occupied, n);
    }

    /** (m−1)/(2N ln 2): the first-order downward bias of the plug-in entropy; 0 when N = 0. */
    public static double millerMadowCorrectionBits(long occupiedBins, long samples) {
        return samples <= 0 || occupiedBins <= 1 ? 0 : (occupiedBins - 1) / (2.0 * samples * LN2);
    }

    /**
     * (m_x−1)(m_y−1)/(2N ln 2): the expected plug-in mutual information of independent codes with
     * m_x and m_y values, to first order; 0 when N = 0.
     */
    public static double independenceBiasBits(long occupiedX, long occupiedY, long samples) {
        if (samples <= 0) {
            return 0;
        }
        return (double) Math.max(0, occupiedX - 1) * Math.max(0, occupiedY - 1) / (2.0 * samples * LN2);
    }

    /** Plug-in entropy from N and Σ c ln c. */
    static double plugInBits(long n, double sumCLnC) {
        return n <= 0 ? 0 : (Math.log(n) - sumCLnC / n) / LN2;
    }

    static double cLnC(long c) {
        return c > 1 ? c * Math.log(c) : 0;
    }
}
