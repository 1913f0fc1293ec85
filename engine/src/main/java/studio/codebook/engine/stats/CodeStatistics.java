package studio.codebook.engine.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import studio.codebook.engine.codec.Codes;

/**
 * Usage and dependence statistics of the codes of one or more clips (K codebooks of V entries).
 *
 * <p>Codebooks are indexed 0..K−1. Several clips are pooled: histograms count every frame of every
 * clip, but a pair (z^k_t, z^l_{t+s}) or a K-tuple is only formed inside one clip, never across the
 * boundary between two. Estimators and their bias are described in the {@linkplain
 * studio.codebook.engine.stats package documentation}; all values are in bits.
 *
 * <p>Instances are immutable and thread-safe; pair results are cached, so asking for the same
 * matrix or for total correlation after the matrix costs nothing extra.
 */
public final class CodeStatistics {

    private final int[][][] clips;
    private final int numCodebooks;
    private final int codebookSize;
    private final long frames;
    private final List<CodebookStatistics> codebooks;
    private final Map<Long, PairInformation> pairCache = new ConcurrentHashMap<>();

    private CodeStatistics(int[][][] clips, int codebookSize) {
        this.clips = clips;
        this.numCodebooks = clips[0].length;
        this.codebookSize = codebookSize;
        long[][] counts = new long[numCodebooks][codebookSize];
        long n = 0;
        for (int[][] clip : clips) {
            n += clip[0].length;
            for (int k = 0; k < numCodebooks; k++) {
                long[] c = counts[k];
                for (int code : clip[k]) {
                    c[code]++;
                }
            }
        }
        this.frames = n;
        List<CodebookStatistics> list = new ArrayList<>(numCodebooks);
        for (int k = 0; k < numCodebooks; k++) {
            list.add(CodebookStatistics.of(k, counts[k]));
        }
        this.codebooks = List.copyOf(list);
    }

    /** Statistics of one clip's codes. */
    public static CodeStatistics of(Codes codes) {
        return of(List.of(codes));
    }

    /**
     * Statistics of several clips' codes, pooled.
     *
     * @throws IllegalArgumentException if the list is empty or the clips differ in K or V
     */
    public static CodeStatistics of(List<Codes> clips) {
        if (clips == null || clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to measure");
        }
        int size = clips.get(0).codebookSize();
        int[][][] raw = new int[clips.size()][][];
        for (int i = 0; i < raw.length; i++) {
            Codes c = clips.get(i);
            if (c.codebookSize() != size) {
                throw new IllegalArgumentException("clip " + (i + 1) + " has codebooks of " + c.codebookSize()
                        + " entries, clip 1 of " + size + ": measure codes of one codec together");
            }
            raw[i] = c.codes();
        }
        return ofValidated(raw, size);
    }

    /** Statistics of one clip given as codes[k][t] with every code in [0, codebookSize). */
    public static CodeStatistics of(int[][] codes, int codebookSize) {
        return ofClips(Collections.singletonList(codes), codebookSize);
    }

    /** Statistics of several clips given as codes[k][t], pooled. */
    public static CodeStatistics ofClips(List<int[][]> clips, int codebookSize) {
        if (clips == null || clips.isEmpty()) {
            throw new IllegalArgumentException("no clips to measure");
        }
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size must be positive, not " + codebookSize);
        }
        int[][][] raw = new int[clips.size()][][];
        for (int i = 0; i < raw.length; i++) {
            int[][] clip = clips.get(i);
            if (clip == null || clip.length == 0 || clip[0] == null) {
                throw new IllegalArgumentException("clip " + (i + 1) + " has no codebooks");
            }
            raw[i] = new int[clip.length][];
            for (int k = 0; k < clip.length; k++) {
                if (clip[k] == null || clip[k].length != clip[0].length) {
                    throw new IllegalArgumentException("clip " + (i + 1) + ": codebook " + (k + 1)
                            + " has a different number of frames than codebook 1");
                }
                for (int t = 0; t < clip[k].length; t++) {
                    int c = clip[k][t];
                    if (c < 0 || c >= codebookSize) {
                        throw new IllegalArgumentException("clip " + (i + 1) + ": code " + c + " at codebook "
                                + (k + 1) + ", frame " + t + " is outside 0.." + (codebookSize - 1));
                    }
                }
                raw[i][k] = clip[k].clone();
            }
        }
        return ofValidated(raw, codebookSize);
    }

    private static CodeStatistics ofValidated(int[][][] clips, int codebookSize) {
        for (int i = 1; i < clips.length; i++) {
            if (clips[i].length != clips[0].length) {
                throw new IllegalArgumentException("clip " + (i + 1) + " has " + clips[i].length
                        + " codebooks, clip 1 has " + clips[0].length + ": measure codes of one codec together");
            }
        }
        return new CodeStatistics(clips, codebookSize);
    }

    /** K. */
    public int numCodebooks() {
        return numCodebooks;
    }

    /** V. */
    public int codebookSize() {
        return codebookSize;
    }

    /** Clips pooled. */
    public int numClips() {
        return clips.length;
    }

    /** Frames of all clips together. */
    public long numFrames() {
        return frames;
    }

    /** Histogram, entropy, perplexity and usage of codebook k (0-based). */
    public CodebookStatistics codebook(int k) {
        return codebooks.get(k);
    }

    /** All codebooks' statistics, in order. */
    public List<CodebookStatistics> codebooks() {
        return codebooks;
    }

    /** I(z^k_t ; z^l_{t+s}) with s = alignment.shift(k, l). */
    public PairInformation mutualInformation(int k, int l, Alignment alignment) {
        return mutualInformation(k, l, alignment.shift(k, l));
    }

    /** I(z^k_t ; z^l_{t+shift}). */
    public PairInformation mutualInformation(int k, int l, int shift) {
        checkCodebook(k);
        checkCodebook(l);
        // (k, l, s) and (l, k, −s) count the same pairs: compute once.
        if (k > l || (k == l && shift < 0)) {
            return mutualInformation(l, k, -shift).swapped();
        }
        long key = ((long) k * numCodebooks + l) << 32 | (shift & 0xFFFF_FFFFL);
        return pairCache.computeIfAbsent(key, unused -> PairCounting.measure(clips, k, l, shift, codebookSize));
    }

    /** The K × K matrix of mutual information under an alignment. */
    public MutualInformationMatrix mutualInformation(Alignment alignment) {
        PairInformation[][] entries = new PairInformation[numCodebooks][numCodebooks];
        for (int k = 0; k < numCodebooks; k++) {
            for (int l = 0; l < numCodebooks; l++) {
                entries[k][l] = mutualInformation(k, l, alignment);
            }
        }
        return MutualInformationMatrix.of(alignment, entries);
    }

    /** Total correlation with codes coarse-grained into {@code groups} groups by frequency rank. */
    public TotalCorrelation totalCorrelation(Alignment alignment, int groups) {
        return totalCorrelation(alignment, CoarseGraining.byFrequencyRank(codebooks, groups));
    }

    /**
     * Total correlation under the same frame or the delay pattern: the pairwise sum and the TC of
     * codes coarse-grained by {@code grouping}.
     *
     * @throws IllegalArgumentException for a non-zero frame offset, or a grouping of another K or V
     */
    public TotalCorrelation totalCorrelation(Alignment alignment, CoarseGraining grouping) {
        if (!alignment.definesTuples()) {
            throw new IllegalArgumentException("total correlation needs the same frame or the delay pattern, not "
                    + alignment.describe());
        }
        if (grouping.maps().length != numCodebooks) {
            throw new IllegalArgumentException("the grouping has maps for " + grouping.maps().length
                    + " codebooks, the codes have " + numCodebooks);
        }
        for (int k = 0; k < numCodebooks; k++) {
            if (grouping.mapOf(k).length != codebookSize) {
                throw new IllegalArgumentException("the grouping of codebook " + (k + 1) + " covers "
                        + grouping.mapOf(k).length + " entries, the codebook has " + codebookSize);
            }
        }
        return new TotalCorrelation(alignment, alignment.describe(), pairwiseSum(alignment),
                TupleCounting.measure(clips, alignment, grouping));
    }

    /** Everything for the same frame and the delay pattern, with the default coarse graining. */
    public CodeReport report() {
        return report(List.of(Alignment.sameFrame(), Alignment.delayPattern()), CoarseGraining.DEFAULT_GROUPS);
    }

    /**
     * Everything: per-codebook statistics, an MI matrix per alignment and, for the alignments that
     * define K-tuples, total correlation with {@code groups} groups.
     */
    public CodeReport report(List<Alignment> alignments, int groups) {
        List<MutualInformationMatrix> matrices = new ArrayList<>();
        List<TotalCorrelation> correlations = new ArrayList<>();
        CoarseGraining grouping = CoarseGraining.byFrequencyRank(codebooks, groups);
        for (Alignment a : alignments) {
            matrices.add(mutualInformation(a));
            if (a.definesTuples()) {
                correlations.add(totalCorrelation(a, grouping));
            }
        }
        return new CodeReport(clips.length, frames, numCodebooks, codebookSize, codebooks, matrices, correlations);
    }

    private PairwiseInformationSum pairwiseSum(Alignment alignment) {
        double plugIn = 0;
        double corrected = 0;
        double largest = 0;
        double bound = 0;
        SampleAdequacy worst = SampleAdequacy.ADEQUATE;
        int pairs = 0;
        for (int k = 0; k < numCodebooks; k++) {
            for (int l = k + 1; l < numCodebooks; l++) {
                PairInformation p = mutualInformation(k, l, alignment);
                plugIn += p.plugInBits();
                corrected += p.millerMadowBits();
                largest = Math.max(largest, p.millerMadowBits());
                bound += p.biasBoundBits();
                worst = worst.worse(p.adequacy());
                pairs++;
            }
        }
        double entropy = 0;
        for (CodebookStatistics c : codebooks) {
            entropy += c.millerMadowEntropyBits();
        }
        return new PairwiseInformationSum(pairs, plugIn, corrected, entropy > 0 ? corrected / entropy : 0,
                pairs > 0 ? corrected / pairs : 0, largest, bound, worst);
    }

    private void checkCodebook(int k) {
        if (k < 0 || k >= numCodebooks) {
            throw new IndexOutOfBoundsException("codebook " + k + " outside 0.." + (numCodebooks - 1));
        }
    }
}
