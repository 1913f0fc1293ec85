package studio.codebook.ui.controls;

/**
 * The values a {@link HeatmapView}'s colour scale spans: min maps to the scale's start, max to its end.
 * Give two heatmaps the same range to compare them by colour.
 *
 * @param min value at the start of the scale
 * @param max value at the end of the scale
 */
public record HeatmapRange(double min, double max) {

    public HeatmapRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("a heatmap range needs finite min ≤ max, not " + min + " .. " + max);
        }
    }

    /** From the smallest to the largest finite value of the matrices (0 .. 1 when there is none). */
    public static HeatmapRange covering(double[][]... matrices) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] m : matrices) {
            if (m == null) {
                continue;
            }
            for (double[] row : m) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return min > max ? new HeatmapRange(0, 1) : new HeatmapRange(min, max);
    }

    /** −m .. m with m the largest absolute value: zero sits in the middle of a diverging scale. */
    public static HeatmapRange symmetric(double[][]... matrices) {
        HeatmapRange r = covering(matrices);
        double m = Math.max(Math.abs(r.min), Math.abs(r.max));
        return m == 0 ? new HeatmapRange(-1e-9, 1e-9) : new HeatmapRange(-m, m);
    }

    /** Where {@code v} sits on the scale, 0..1 (0.5 when the range is a single value). */
    public double position(double v) {
        if (max == min) {
            return 0.5;
        }
        return Math.max(0, Math.min(1, (v - min) / (max - min)));
    }
}
