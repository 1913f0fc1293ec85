package studio.codebook.engine.stats;

import java.util.List;

/**
 * Everything {@link CodeStatistics} measures, as one immutable record for {@code analyze --json};
 * {@link #toText()} renders it for a terminal.
 *
 * @param clips clips pooled
 * @param frames frames of all clips together
 * @param numCodebooks K
 * @param codebookSize V
 * @param codebooks per-codebook histogram, entropy, perplexity and usage
 * @param mutualInformation one K × K matrix per alignment
 * @param totalCorrelation one entry per alignment that defines K-tuples (same frame, delay pattern)
 */
public record CodeReport(
        int clips,
        long frames,
        int numCodebooks,
        int codebookSize,
        List<CodebookStatistics> codebooks,
        List<MutualInformationMatrix> mutualInformation,
        List<TotalCorrelation> totalCorrelation) {

    public CodeReport {
        codebooks = List.copyOf(codebooks);
        mutualInformation = List.copyOf(mutualInformation);
        totalCorrelation = List.copyOf(totalCorrelation);
    }

    /** A compact table for the terminal: per-codebook statistics, MI matrices (3 decimals), TC. */
    public String toText() {
        return ReportText.render(this);
    }
}
