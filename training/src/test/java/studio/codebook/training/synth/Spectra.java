package studio.codebook.training.synth;

/** Test-side analysis: an FFT, magnitude spectra, chroma and an onset envelope. Independent of the synth. */
final class Spectra {

    private Spectra() {
    }

    /** In-place radix-2 FFT; {@code re.length} must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** Magnitude spectrum (n/2 bins) of a Hann-windowed frame of {@code n} samples from {@code start}. */
    static double[] magnitudes(float[] x, int start, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n && start + i < x.length; i++) {
            re[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        fft(re, im);
        double[] m = new double[n / 2];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.hypot(re[i], im[i]);
        }
        return m;
    }

    /** Pitch-class profile (C = 0) of a whole signal, from 55 Hz to 2 kHz. */
    static double[] chroma(float[] x, int rate) {
        int n = 8192;
        double[] chroma = new double[12];
        for (int start = 0; start + n <= x.length; start += n / 2) {
            double[] m = magnitudes(x, start, n);
            for (int b = 1; b < m.length; b++) {
                double f = (double) b * rate / n;
                if (f < 55 || f > 2000) {
                    continue;
                }
                int midi = (int) Math.round(69 + 12 * Math.log(f / 440) / Math.log(2));
                chroma[Math.floorMod(midi, 12)] += m[b];
            }
        }
        return chroma;
    }

    /**
     * Onset strength every {@code hop} samples: the rectified rise, over 8 ms, of the log energy in a sliding
     * 16 ms window (short enough to separate sixteenths at 180 BPM, long enough not to follow single cycles).
     */
    static double[] onsets(float[] x, int hop) {
        int window = 256;
        int frames = (x.length - window) / hop;
        double[] energy = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = f * hop; i < f * hop + window; i++) {
                e += x[i] * x[i];
            }
            energy[f] = e;
            max = Math.max(max, e);
        }
        for (int f = 0; f < frames; f++) {
            energy[f] = Math.log(energy[f] + 1e-4 * max);
        }
        int rise = Math.max(1, 128 / hop);
        double[] onset = new double[frames];
        for (int f = rise; f < frames; f++) {
            onset[f] = Math.max(0, energy[f] - energy[f - rise]);
        }
        return onset;
    }

    /** Autocorrelation of {@code x} (mean removed) at integer lag. */
    static double autocorrelation(double[] x, int lag) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double s = 0;
        for (int i = 0; i + lag < x.length; i++) {
            s += (x[i] - mean) * (x[i + lag] - mean);
        }
        return s / (x.length - lag);
    }
}
