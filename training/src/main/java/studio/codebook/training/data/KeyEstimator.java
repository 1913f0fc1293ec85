package studio.codebook.training.data;

import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import java.util.Optional;

/**
 * Key and mode from a chroma vector: the FFT magnitude of every frame is folded onto the twelve pitch
 * classes (bins between {@value #MIN_HZ} and {@value #MAX_HZ} Hz), summed over the track, and correlated
 * with the 24 rotations of the Krumhansl–Kessler major and minor key profiles (the Krumhansl–Schmuckler
 * algorithm). The same frames give the spectral centroid, so one pass serves both.
 */
final class KeyEstimator {

    static final String[] PITCH_NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};
    private static final double MIN_HZ = 55;
    private static final double MAX_HZ = 2000;
    private static final double FRAME_SECONDS = 0.256;
    /**
     * Below this correlation the profile match is too weak to name a key: clicks and drums measured up to
     * 0.55, chord progressions 0.89–0.98, a single held note 0.68.
     */
    private static final double MIN_CORRELATION = 0.6;
    /** When major and minor on the best tonic are this close, the music does not say which (a drone). */
    private static final double MODE_MARGIN = 0.05;

    /**
     * A key: tonic pitch class 0–11 (C = 0) and mode, with the profile correlation that chose it.
     *
     * @param mode "major", "minor", or "" when the chroma does not tell them apart
     */
    record Key(int tonic, String mode, double correlation) {
        /** "A minor", "C major", or just "A". */
        String name() {
            return mode.isEmpty() ? PITCH_NAMES[tonic] : PITCH_NAMES[tonic] + " " + mode;
        }
    }

    /** What one pass over the spectrum yields. */
    record Spectrum(double[] chroma, double centroidHz) {}

    private KeyEstimator() {
    }

    /** Chroma and spectral centroid of {@code mono}. */
    static Spectrum spectrum(float[] mono, int sampleRate) {
        int size = Integer.highestOneBit((int) Math.round(FRAME_SECONDS * sampleRate));
        int hop = size / 2;
        FFT fft = new FFT(size, new HannWindow());
        int bins = size / 2;
        int[] pitchClass = new int[bins];
        for (int k = 0; k < bins; k++) {
            double hz = (double) k * sampleRate / size;
            pitchClass[k] = hz < MIN_HZ || hz > MAX_HZ ? -1
                    : Math.floorMod((int) Math.round(12 * Math.log(hz / 440) / Math.log(2)) + 9, 12);
        }
        double[] chroma = new double[12];
        double weighted = 0;
        double total = 0;
        float[] buffer = new float[size];
        float[] magnitude = new float[bins];
        for (int start = 0; start + size <= mono.length; start += hop) {
            System.arraycopy(mono, start, buffer, 0, size);
            fft.forwardTransform(buffer);
            fft.modulus(buffer, magnitude);
            for (int k = 1; k < bins; k++) {
                double m = magnitude[k];
                weighted += m * k * sampleRate / size;
                total += m;
                if (pitchClass[k] >= 0) {
                    chroma[pitchClass[k]] += m;
                }
            }
        }
        return new Spectrum(chroma, total > 0 ? weighted / total : 0);
    }

    /** The best-matching key, or empty when nothing tonal was heard. */
    static Optional<Key> estimate(double[] chroma) {
        double sum = 0;
        for (double c : chroma) {
            sum += c;
        }
        if (!(sum > 0)) {
            return Optional.empty();
        }
        int bestTonic = 0;
        double bestMajor = Double.NEGATIVE_INFINITY;
        double bestMinor = Double.NEGATIVE_INFINITY;
        for (int tonic = 0; tonic < 12; tonic++) {
            double major = correlation(chroma, MAJOR, tonic);
            double minor = correlation(chroma, MINOR, tonic);
            if (Math.max(major, minor) > Math.max(bestMajor, bestMinor)) {
                bestTonic = tonic;
                bestMajor = major;
                bestMinor = minor;
            }
        }
        double r = Math.max(bestMajor, bestMinor);
        if (r < MIN_CORRELATION) {
            return Optional.empty();
        }
        String mode = Math.abs(bestMajor - bestMinor) < MODE_MARGIN ? "" : bestMajor > bestMinor ? "major" : "minor";
        return Optional.of(new Key(bestTonic, mode, r));
    }

    /** Pearson correlation of the chroma with the profile rotated so that its tonic is {@code tonic}. */
    private static double correlation(double[] chroma, double[] profile, int tonic) {
        double mc = 0;
        double mp = 0;
        for (int i = 0; i < 12; i++) {
            mc += chroma[i] / 12;
            mp += profile[i] / 12;
        }
        double num = 0;
        double vc = 0;
        double vp = 0;
        for (int i = 0; i < 12; i++) {
            double c = chroma[i] - mc;
            double p = profile[Math.floorMod(i - tonic, 12)] - mp;
            num += c * p;
            vc += c * c;
            vp += p * p;
        }
        return vc == 0 || vp == 0 ? 0 : num / Math.sqrt(vc * vp);
    }
}
