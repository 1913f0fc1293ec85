package studio.codebook.engine.stats;

/**
 * How one codebook is used.
 *
 * @param codebook index 0..K−1 (z^{codebook+1} in text)
 * @param frames N, the number of codes counted (all frames of all clips)
 * @param counts histogram: counts[v] = how often entry v occurs
 * @param usedEntries m, entries occurring at least once
 * @param usage m / V, the fraction of entries used at least once
 * @param entropyBits plug-in entropy
 * @param millerMadowEntropyBits plug-in entropy + (m−1)/(2N ln 2)
 * @param perplexity 2^entropyBits: the number of equally likely entries with the same entropy
 */
public record CodebookStatistics(
        int codebook,
        long frames,
        long[] counts,
        int usedEntries,
        double usage,
        double entropyBits,
        double millerMadowEntropyBits,
        double perplexity) {

    public CodebookStatistics {
        counts = counts.clone();
    }

    /** Computes the statistics of a histogram. */
    static CodebookStatistics of(int codebook, long[] counts) {
        long n = 0;
        int used = 0;
        for (long c : counts) {
            n += c;
            used += c > 0 ? 1 : 0;
        }
        double h = Entropy.plugInBits(counts);
        return new CodebookStatistics(codebook, n, counts, used, (double) used / counts.length, h,
                h + Entropy.millerMadowCorrectionBits(used, n), Math.pow(2, h));
    }

    /** V, the codebook size. */
    public int codebookSize() {
        return counts.length;
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Occurrences of entry v. */
    public long count(int v) {
        return counts[v];
    }
}
