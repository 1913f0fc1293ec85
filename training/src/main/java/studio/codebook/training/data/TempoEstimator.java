package studio.codebook.training.data;

import be.tarsos.dsp.beatroot.BeatRootOnsetEventHandler;
import be.tarsos.dsp.beatroot.Peaks;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HammingWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Tempo of a mono buffer with TarsosDSP's BeatRoot: spectral-flux onsets, beat induction from the
 * inter-onset intervals and agent-based beat tracking; the tempo is 60 over the median interval between
 * the tracked beats, folded into [{@value #MIN_BPM}, {@value #MAX_BPM}] by doubling or halving.
 *
 * <p>The onset detection function is computed here, the way BeatRoot does (the rectified rise of the
 * magnitude spectrum from frame to frame, normalised, peaks picked with BeatRoot's own {@link Peaks}),
 * because TarsosDSP's {@code BeatRootSpectralFluxOnsetDetector} in the 2.4 build sizes its buffers from a
 * negative placeholder and cannot run, and its other onset detectors were poor with default settings. No
 * TarsosDSP code opens a file. BeatRoot keeps settings and counters in static fields, so calls are
 * serialised.
 */
public final class TempoEstimator {

    static final double MIN_BPM = 60;
    static final double MAX_BPM = 180;
    private static final double FRAME_SECONDS = 0.064;
    private static final double HOP_SECONDS = 0.010;
    /**
     * Below this the beat BeatRoot tracked is not there: measured 0.02–0.06 on white noise, 0.56 on a drum
     * loop under chords, above 0.8 on click tracks, drum loops and chord progressions.
     */
    private static final double MIN_PULSE_CLARITY = 0.25;
    /**
     * When every other tracked beat is this much stronger, the weak ones are off-beats (hi-hat eighths):
     * measured 4.2–6.6 on drum loops tracked at double time, 1.2–1.8 on loops and click tracks tracked
     * on the beat.
     */
    private static final double OFFBEAT_RATIO = 3.0;
    /** Fewer beats than this and there is no steady pulse to speak of. */
    private static final int MIN_BEATS = 8;
    private static final Object BEATROOT_LOCK = new Object();

    private TempoEstimator() {
    }

    /** The tempo in BPM, or empty when no steady beat was found. */
    public static OptionalDouble estimate(float[] mono, int sampleRate) {
        int frame = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * sampleRate));
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * sampleRate));
        if (mono.length < 4 * frame) {
            return OptionalDouble.empty();
        }
        double hopTime = (double) hop / sampleRate;
        double[] flux = spectralFlux(mono, frame, hop);
        if (!(Peaks.max(flux) > 0)) {
            return OptionalDouble.empty();
        }
        List<Double> beats = new ArrayList<>();
        synchronized (BEATROOT_LOCK) {
            Peaks.normalise(flux);
            double floor = Peaks.min(flux);
            BeatRootOnsetEventHandler tracker = new BeatRootOnsetEventHandler();
            // BeatRoot's own peak-picking settings: a 60 ms neighbourhood, threshold 0.35, decay 0.84.
            List<Integer> peaks = Peaks.findPeaks(flux, (int) Math.round(0.06 / hopTime), 0.35, 0.84, true);
            if (peaks.size() < MIN_BEATS) {
                return OptionalDouble.empty(); // and BeatRoot would print "No best agent" to standard output
            }
            for (int index : peaks) {
                tracker.handleOnset(index * hopTime, flux[index] - floor);
            }
            tracker.trackBeats((time, salience) -> beats.add(time));
        }
        if (beats.size() < MIN_BEATS) {
            return OptionalDouble.empty();
        }
        double[] intervals = new double[beats.size() - 1];
        for (int i = 1; i < beats.size(); i++) {
            intervals[i - 1] = beats.get(i) - beats.get(i - 1);
        }
        Arrays.sort(intervals);
        double median = intervals[intervals.length / 2];
        if (!(median > 0)) {
            return OptionalDouble.empty();
        }
        if (pulseClarity(spectralFlux(mono, frame, hop), median / hopTime) < MIN_PULSE_CLARITY) {
            return OptionalDouble.empty();
        }
        double period = fittedPeriod(beats, median);
        if (alternationRatio(flux, beats, median, hopTime) >= OFFBEAT_RATIO) {
            period *= 2; // BeatRoot followed the eighths: the strong ones are the beat
        }
        return OptionalDouble.of(fold(60 / period));
    }

    /**
     * The beat period by least squares over the whole run of beats: beat times are quantised to the hop
     * (10 ms is 2 BPM at 180 BPM), so the median interval alone is not precise enough. Each beat is numbered
     * by the whole periods since the previous one, so a skipped beat does not bend the fit.
     */
    static double fittedPeriod(List<Double> beats, double roughPeriod) {
        int n = beats.size();
        double[] k = new double[n];
        for (int i = 1; i < n; i++) {
            k[i] = k[i - 1] + Math.max(1, Math.round((beats.get(i) - beats.get(i - 1)) / roughPeriod));
        }
        double mk = 0;
        double mt = 0;
        for (int i = 0; i < n; i++) {
            mk += k[i] / n;
            mt += beats.get(i) / n;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (k[i] - mk) * (beats.get(i) - mt);
            den += (k[i] - mk) * (k[i] - mk);
        }
        return den > 0 ? num / den : roughPeriod;
    }

    /** Mean onset strength at even-numbered beats over that at odd-numbered ones (≥ 1 by choosing sides). */
    static double alternationRatio(double[] flux, List<Double> beats, double roughPeriod, double hopTime) {
        double[] sum = new double[2];
        int[] count = new int[2];
        long k = 0;
        for (int i = 0; i < beats.size(); i++) {
            if (i > 0) {
                k += Math.max(1, Math.round((beats.get(i) - beats.get(i - 1)) / roughPeriod));
            }
            int centre = (int) Math.round(beats.get(i) / hopTime);
            double strength = 0;
            for (int j = Math.max(0, centre - 2); j <= Math.min(flux.length - 1, centre + 2); j++) {
                strength = Math.max(strength, flux[j]);
            }
            sum[(int) (k & 1)] += strength;
            count[(int) (k & 1)]++;
        }
        if (count[0] == 0 || count[1] == 0) {
            return 1;
        }
        double even = sum[0] / count[0];
        double odd = sum[1] / count[1];
        return Math.max(even, odd) / Math.max(1e-12, Math.min(even, odd));
    }

    /**
     * How strongly the onset envelope repeats at the beat period: its normalised autocorrelation (mean
     * removed) at one or two beat periods, whichever is higher, searched ±5 % around the lag. Near 0 for
     * noise, whose flux peaks BeatRoot would otherwise happily track.
     */
    static double pulseClarity(double[] flux, double periodHops) {
        int n = flux.length;
        double mean = 0;
        for (double f : flux) {
            mean += f / n;
        }
        double[] x = new double[n];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            x[i] = flux[i] - mean;
            energy += x[i] * x[i];
        }
        if (!(energy > 0)) {
            return 0;
        }
        double best = 0;
        for (int multiple = 1; multiple <= 2; multiple++) {
            double lag = periodHops * multiple;
            int from = (int) Math.floor(lag * 0.95);
            int to = (int) Math.ceil(lag * 1.05);
            for (int l = Math.max(1, from); l <= to && l < n / 2; l++) {
                double sum = 0;
                for (int i = 0; i + l < n; i++) {
                    sum += x[i] * x[i + l];
                }
                best = Math.max(best, sum / energy * n / (n - l));
            }
        }
        return best;
    }

    /** The half-wave-rectified frame-to-frame rise of the magnitude spectrum, one value per hop. */
    private static double[] spectralFlux(float[] mono, int frame, int hop) {
        int frames = (mono.length - frame) / hop + 1;
        double[] flux = new double[frames];
        FFT fft = new FFT(frame, new HammingWindow());
        float[] buffer = new float[frame];
        float[] previous = new float[frame / 2];
        float[] current = new float[frame / 2];
        for (int f = 0; f < frames; f++) {
            System.arraycopy(mono, f * hop, buffer, 0, frame);
            fft.forwardTransform(buffer);
            fft.modulus(buffer, current);
            double rise = 0;
            for (int k = 0; k < current.length; k++) {
                if (current[k] > previous[k]) {
                    rise += current[k] - previous[k];
                }
            }
            flux[f] = f == 0 ? 0 : rise;
            float[] swap = previous;
            previous = current;
            current = swap;
        }
        return flux;
    }
    /** {@code bpm} doubled or halved into [MIN_BPM, MAX_BPM]: a tracker may lock onto half or double time. */
    static double fold(double bpm) {
        double b = bpm;
        while (b < MIN_BPM) {
            b *= 2;
        }
        while (b > MAX_BPM) {
            b /= 2;
        }
        return b;
    }
}
