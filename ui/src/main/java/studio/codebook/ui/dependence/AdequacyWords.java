package studio.codebook.ui.dependence;

import studio.codebook.engine.stats.SampleAdequacy;

/** The engine's sample-adequacy verdicts in words a musician can act on. */
public final class AdequacyWords {

    private AdequacyWords() {
    }

    public static String describe(SampleAdequacy a) {
        return switch (a) {
            case ADEQUATE -> "enough frames: the values can be trusted";
            case MARGINAL -> "few frames: trust the corrected (Miller–Madow) values only";
            case TOO_FEW_FRAMES -> "few frames: values are mostly bias; measure more audio";
        };
    }

    /** True when the verdict deserves a warning colour. */
    public static boolean warns(SampleAdequacy a) {
        return a != SampleAdequacy.ADEQUATE;
    }
}
