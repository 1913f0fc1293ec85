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
final class TempoEstimator {

    static final double MIN_BPM = 60;
    static final double MAX_BPM = 180;
    private static final double FRAME_SECONDS = 0.064;
    private static final double HOP_SECONDS = 0.010;
    /** Fewer beats than this and there is no steady pulse to speak of. */
    private static final int MIN_BEATS = 8;
    private static final Object BEATROOT_LOCK = new Object();

    private TempoEstimator() {
    }

    /** The tempo in BPM, or empty when no steady beat was found. */
    static OptionalDouble estimate(float[] mono, int sampleRate) {
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
            for (int index : Peaks.findPeaks(flux, (int) Math.round(0.06 / hopTime), 0.35, 0.84, true)) {
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
        return OptionalDouble.of(fold(60 / median));
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
