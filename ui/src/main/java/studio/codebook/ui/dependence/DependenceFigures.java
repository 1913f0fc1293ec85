package studio.codebook.ui.dependence;

import java.util.Locale;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.engine.stats.CoarseGrainedTotalCorrelation;
import studio.codebook.engine.stats.CoarseGraining;
import studio.codebook.engine.stats.CodeStatistics;
import studio.codebook.engine.stats.MutualInformationMatrix;
import studio.codebook.engine.stats.PairwiseInformationSum;
import studio.codebook.engine.stats.TotalCorrelation;

/**
 * One model's dependence figures under one alignment: the MI matrix and, where K-tuples are defined (same
 * frame or delay alignment), total correlation as the engine reports it.
 *
 * @param modelId the model
 * @param clips clips pooled
 * @param frames frames of all clips
 * @param matrix the K × K mutual information
 * @param totalCorrelation TC, or null under a non-zero frame offset
 */
public record DependenceFigures(String modelId, int clips, long frames, MutualInformationMatrix matrix,
        TotalCorrelation totalCorrelation) {

    /** Measures {@code stats} under {@code alignment}, TC with the default coarse graining. */
    static DependenceFigures of(String modelId, CodeStatistics stats, Alignment alignment) {
        MutualInformationMatrix m = stats.mutualInformation(alignment);
        TotalCorrelation tc = alignment.definesTuples()
                ? stats.totalCorrelation(alignment, Math.min(CoarseGraining.DEFAULT_GROUPS, stats.codebookSize()))
                : null;
        return new DependenceFigures(modelId, stats.numClips(), stats.numFrames(), m, tc);
    }

    /** K. */
    public int numCodebooks() {
        return matrix.numCodebooks();
    }

    /** The total-correlation figures in words, one line each. */
    public String totalCorrelationText() {
        if (totalCorrelation == null) {
            return "Total correlation is defined for the same frame (offset 0) or the delay alignment.";
        }
        PairwiseInformationSum p = totalCorrelation.pairwise();
        CoarseGrainedTotalCorrelation c = totalCorrelation.coarseGrained();
        return String.format(Locale.ROOT,
                "Pairwise MI sum (a proxy for TC): %.3f bits, normalised %.3f — %s%n"
                        + "TC of codes in %d groups (a lower bound): %.3f bits, normalised %.3f — %s",
                p.millerMadowBits(), p.normalised(), AdequacyWords.describe(p.adequacy()),
                c.groups(), c.millerMadowBits(), c.normalised(), AdequacyWords.describe(c.adequacy()));
    }

    /** The matrix's verdict and bias in words. */
    public String adequacyText() {
        return String.format(Locale.ROOT, "%d clip%s, %,d frames; MI %s (bias bound up to %.3f bits)", clips,
                clips == 1 ? "" : "s", frames, AdequacyWords.describe(matrix.adequacy()),
                matrix.largestOffDiagonalBiasBits());
    }
}
