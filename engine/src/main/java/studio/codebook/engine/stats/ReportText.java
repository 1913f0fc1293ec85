package studio.codebook.engine.stats;

import java.util.Locale;

/** Renders a {@link CodeReport} as plain-text tables. */
final class ReportText {

    private ReportText() {
    }

    static String render(CodeReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d clip%s, %d frames, %d codebooks x %d entries%n", report.clips(),
                report.clips() == 1 ? "" : "s", report.frames(), report.numCodebooks(), report.codebookSize()));
        out.append(String.format(Locale.ROOT, "%n%-9s %9s %9s %11s %7s %8s%n", "codebook", "H (bits)", "H_MM",
                "perplexity", "usage", "used"));
        for (CodebookStatistics c : report.codebooks()) {
            out.append(String.format(Locale.ROOT, "z%-8d %9.3f %9.3f %11.1f %7.3f %8d%n", c.codebook() + 1,
                    c.entropyBits(), c.millerMadowEntropyBits(), c.perplexity(), c.usage(), c.usedEntries()));
        }
        for (MutualInformationMatrix m : report.mutualInformation()) {
            out.append(String.format(Locale.ROOT,
                    "%nMutual information, %s (bits, Miller-Madow; plug-in bias bound up to %.3f): %s%n",
                    m.alignmentDescription(), m.largestOffDiagonalBiasBits(), verdict(m.adequacy())));
            out.append(String.format(Locale.ROOT, "%-6s", ""));
            for (int l = 0; l < m.numCodebooks(); l++) {
                out.append(String.format(Locale.ROOT, " %8s", "z" + (l + 1)));
            }
            out.append(System.lineSeparator());
            for (int k = 0; k < m.numCodebooks(); k++) {
                out.append(String.format(Locale.ROOT, "%-6s", "z" + (k + 1)));
                for (int l = 0; l < m.numCodebooks(); l++) {
                    out.append(String.format(Locale.ROOT, " %8.3f", m.millerMadowBits(k, l)));
                }
                out.append(System.lineSeparator());
            }
        }
        for (TotalCorrelation tc : report.totalCorrelation()) {
            PairwiseInformationSum p = tc.pairwise();
            CoarseGrainedTotalCorrelation c = tc.coarseGrained();
            out.append(String.format(Locale.ROOT, "%nTotal correlation, %s%n", tc.alignmentDescription()));
            out.append(String.format(Locale.ROOT,
                    "  pairwise MI sum (proxy, not TC): %.3f bits (plug-in %.3f), normalised %.3f: %s%n",
                    p.millerMadowBits(), p.plugInBits(), p.normalised(), verdict(p.adequacy())));
            out.append(String.format(Locale.ROOT,
                    "  TC of coarse-grained codes (%d groups, %d cells, %d frames): %.3f bits (plug-in %.3f),"
                            + " normalised %.3f: %s%n",
                    c.groups(), c.jointCells(), c.frames(), c.millerMadowBits(), c.plugInBits(), c.normalised(),
                    verdict(c.adequacy())));
        }
        return out.toString();
    }

    private static String verdict(SampleAdequacy a) {
        return switch (a) {
            case ADEQUATE -> "enough frames";
            case MARGINAL -> "few frames, trust the corrected values only";
            case TOO_FEW_FRAMES -> "too few frames, values are mostly bias";
        };
    }
}
