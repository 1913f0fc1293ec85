package studio.codebook.training.report;

import java.util.ArrayList;
import java.util.List;

/** A value range with "nice" tick marks (1, 2 or 5 × 10^n apart), linear or base-10 logarithmic. */
record Axis(double min, double max, boolean log) {

    static Axis of(double lo, double hi, boolean log) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        if (log) {
            return new Axis(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi))), true);
        }
        double step = niceStep((hi - lo) / 5);
        return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, false);
    }

    /** Position of v in 0..1 along the axis. */
    double fraction(double v) {
        if (log) {
            return (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return (v - min) / (max - min);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (double t = min; t <= max * 1.0001; t *= 10) {
                out.add(t);
            }
            return out;
        }
        double step = niceStep((max - min) / 5);
        for (double t = min; t <= max + step * 1e-6; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out;
    }

    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double m = rough / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.0e", v);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(java.util.Locale.ROOT, "%.0f", v);
        }
        String s = String.format(java.util.Locale.ROOT, a >= 1 ? "%.2f" : "%.4f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
