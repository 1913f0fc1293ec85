package studio.codebook.engine.stats;

/**
 * The K × K matrix of mutual information I(z^k ; z^l) in bits under one alignment; entry [k][l]
 * pairs z^k_t with z^l_{t+s}, s = {@link Alignment#shift(int, int)}. Under the same frame and the
 * delay pattern the matrix is symmetric and its diagonal is H(z^k); under a non-zero frame offset it
 * need not be symmetric and its diagonal is the information a codebook carries about itself d
 * frames later.
 *
 * @param alignment how frames were paired
 * @param alignmentDescription the alignment in words
 * @param plugInBits plug-in estimates
 * @param millerMadowBits Miller–Madow corrected estimates
 * @param pairs the number of frame pairs counted for each entry
 * @param biasBoundBits (m_x−1)(m_y−1)/(2N ln 2) for each entry
 * @param adequacy the worst verdict over the entries that measure dependence (all but the
 *     diagonal when the shift there is 0, where I = H by definition)
 */
public record MutualInformationMatrix(
        Alignment alignment,
        String alignmentDescription,
        double[][] plugInBits,
        double[][] millerMadowBits,
        long[][] pairs,
        double[][] biasBoundBits,
        SampleAdequacy adequacy) {

    public MutualInformationMatrix {
        plugInBits = deepCopy(plugInBits);
        millerMadowBits = deepCopy(millerMadowBits);
        biasBoundBits = deepCopy(biasBoundBits);
        long[][] pairsCopy = new long[pairs.length][];
        for (int k = 0; k < pairs.length; k++) {
            pairsCopy[k] = pairs[k].clone();
        }
        pairs = pairsCopy;
    }

    /** Assembles the matrix from its entries. */
    static MutualInformationMatrix of(Alignment alignment, PairInformation[][] entries) {
        int k = entries.length;
        double[][] plugIn = new double[k][k];
        double[][] corrected = new double[k][k];
        double[][] bound = new double[k][k];
        long[][] pairs = new long[k][k];
        SampleAdequacy worst = SampleAdequacy.ADEQUATE;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                PairInformation e = entries[i][j];
                plugIn[i][j] = e.plugInBits();
                corrected[i][j] = e.millerMadowBits();
                bound[i][j] = e.biasBoundBits();
                pairs[i][j] = e.pairs();
                if (i != j || e.shift() != 0) {
                    worst = worst.worse(e.adequacy());
                }
            }
        }
        return new MutualInformationMatrix(alignment, alignment.describe(), plugIn, corrected, pairs, bound, worst);
    }

    /** K. */
    public int numCodebooks() {
        return plugInBits.length;
    }

    /** Plug-in I(z^k ; z^l). */
    public double plugInBits(int k, int l) {
        return plugInBits[k][l];
    }

    /** Miller–Madow corrected I(z^k ; z^l). */
    public double millerMadowBits(int k, int l) {
        return millerMadowBits[k][l];
    }

    /** Pairs counted for entry [k][l]. */
    public long pairs(int k, int l) {
        return pairs[k][l];
    }

    /** Bias bound of entry [k][l]. */
    public double biasBoundBits(int k, int l) {
        return biasBoundBits[k][l];
    }

    /** The largest bias bound off the diagonal (or anywhere, for K = 1). */
    public double largestOffDiagonalBiasBits() {
        double max = 0;
        for (int k = 0; k < biasBoundBits.length; k++) {
            for (int l = 0; l < biasBoundBits.length; l++) {
                if (k != l || biasBoundBits.length == 1) {
                    max = Math.max(max, biasBoundBits[k][l]);
                }
            }
        }
        return max;
    }

    @Override
    public double[][] plugInBits() {
        return deepCopy(plugInBits);
    }

    @Override
    public double[][] millerMadowBits() {
        return deepCopy(millerMadowBits);
    }

    @Override
    public double[][] biasBoundBits() {
        return deepCopy(biasBoundBits);
    }

    @Override
    public long[][] pairs() {
        long[][] copy = new long[pairs.length][];
        for (int k = 0; k < pairs.length; k++) {
            copy[k] = pairs[k].clone();
        }
        return copy;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            copy[k] = a[k].clone();
        }
        return copy;
    }
}
