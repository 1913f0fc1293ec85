package studio.codebook.ui.controls;

import java.util.Locale;

/**
 * A span of a clip in seconds, start ≤ end.
 *
 * @param start seconds
 * @param end seconds
 */
public record TimeSpan(double start, double end) {

    public TimeSpan {
        if (!(start >= 0) || !(end >= start)) {
            throw new IllegalArgumentException("a time span needs 0 ≤ start ≤ end, not " + start + " .. " + end);
        }
    }

    /** The span between two instants given in either order. */
    public static TimeSpan between(double a, double b) {
        return new TimeSpan(Math.max(0, Math.min(a, b)), Math.max(0, Math.max(a, b)));
    }

    public double length() {
        return end - start;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%.2f – %.2f s (%.2f s)", start, end, length());
    }
}
