package studio.codebook.training.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How well measured tempi match the prompted ones. The relative error of a clip is
 * {@code |measured − prompted| / prompted}; the <em>octave-tolerant</em> error is the smallest relative error
 * of the measured tempo, its half and its double (a beat tracker, or a listener, may lock onto half or double
 * time, and {@code TempoEstimator} folds into 60–180 BPM anyway). A clip is <em>within</em> a tolerance when
 * its error is at most {@value #TOLERANCE}; a clip without a measured tempo (no steady beat found) counts as
 * outside and is left out of the medians.
 *
 * @param clips clips measured
 * @param measured clips with a tempo estimate
 * @param withinStrict share of all clips within 5 % of the prompted tempo
 * @param withinOctave share of all clips within 5 % of the prompted tempo, its half or its double
 * @param medianStrict median relative error over the measured clips (NaN when none)
 * @param medianOctave median octave-tolerant relative error over the measured clips (NaN when none)
 */
public record TempoError(int clips, int measured, double withinStrict, double withinOctave, double medianStrict,
        double medianOctave) {

    /** The relative error that counts as a match. */
    public static final double TOLERANCE = 0.05;

    /** Relative error of one measurement. */
    public static double relativeError(double measuredBpm, double promptedBpm) {
        return Math.abs(measuredBpm - promptedBpm) / promptedBpm;
    }

    /** Relative error allowing half or double time. */
    public static double octaveError(double measuredBpm, double promptedBpm) {
        return Math.min(relativeError(measuredBpm, promptedBpm), Math.min(
                relativeError(measuredBpm * 2, promptedBpm), relativeError(measuredBpm / 2, promptedBpm)));
    }

    /** The summary of {@code measured.get(i)} against {@code prompted.get(i)}. */
    public static TempoError of(List<OptionalDouble> measured, List<Double> prompted) {
        if (measured.size() != prompted.size()) {
            throw new IllegalArgumentException(measured.size() + " measurements for " + prompted.size() + " prompts");
        }
        int n = measured.size();
        double[] strict = new double[n];
        double[] octave = new double[n];
        int m = 0;
        int inStrict = 0;
        int inOctave = 0;
        for (int i = 0; i < n; i++) {
            if (measured.get(i).isEmpty()) {
                continue;
            }
            double bpm = measured.get(i).getAsDouble();
            strict[m] = relativeError(bpm, prompted.get(i));
            octave[m] = octaveError(bpm, prompted.get(i));
            inStrict += strict[m] <= TOLERANCE ? 1 : 0;
            inOctave += octave[m] <= TOLERANCE ? 1 : 0;
            m++;
        }
        return new TempoError(n, m, n == 0 ? Double.NaN : (double) inStrict / n,
                n == 0 ? Double.NaN : (double) inOctave / n, median(Arrays.copyOf(strict, m)),
                median(Arrays.copyOf(octave, m)));
    }

    /** Share of the clips the estimator found a beat in. */
    @JsonProperty("measuredShare")
    public double measuredShare() {
        return clips == 0 ? Double.NaN : (double) measured / clips;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
    }
}
