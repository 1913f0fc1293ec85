package studio.codebook.training.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named line of a chart: points (x, y) in order of x. Non-finite y values are gaps.
 *
 * @param name legend text
 * @param x abscissae, ascending
 * @param y ordinates, as many as x
 */
public record Series(String name, double[] x, double[] y) {

    public Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** The centred moving average over {@code window} points (1 = unchanged); gaps are skipped. */
    public Series smoothed(int window) {
        if (window <= 1) {
            return this;
        }
        double[] out = new double[y.length];
        int half = window / 2;
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - half); j <= Math.min(y.length - 1, i + half); j++) {
                if (Double.isFinite(y[j])) {
                    sum += y[j];
                    n++;
                }
            }
            out[i] = n == 0 ? Double.NaN : sum / n;
        }
        return new Series(name, x, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.x, x) && Arrays.equals(s.y, y);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points]";
    }
}
