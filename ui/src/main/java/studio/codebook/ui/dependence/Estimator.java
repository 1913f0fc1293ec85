package studio.codebook.ui.dependence;

import studio.codebook.engine.stats.MutualInformationMatrix;

/** Which estimate of mutual information the heatmaps show. */
public enum Estimator {
    /** Each entropy Miller–Madow corrected: less biased upwards; the engine's reports use it. */
    MILLER_MADOW("Miller–Madow corrected"),
    /** Straight from the histograms: biased upwards by about the bias bound. */
    PLUG_IN("Plug-in");

    private final String label;

    Estimator(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The K × K values of this estimate. */
    public double[][] values(MutualInformationMatrix m) {
        return this == MILLER_MADOW ? m.millerMadowBits() : m.plugInBits();
    }

    @Override
    public String toString() {
        return label;
    }
}
