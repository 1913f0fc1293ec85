package studio.codebook.engine.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

/** Test signals, the fixtures folder and a frequency estimator. */
final class Signals {

    private Signals() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(Signals.class.getResource("/audio/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    /** Frames of the sources of the lossy fixtures, as make-fixtures.sh recorded them. */
    static int sourceFrames(String name) {
        try (InputStream in = Signals.class.getResourceAsStream("/audio/fixtures.properties")) {
            Properties p = new Properties();
            p.load(in);
            return Integer.parseInt(p.getProperty(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] sine(double hz, int rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /**
     * The frequency of the strongest spectral peak: Hann window, zero-padded FFT (≥ 16× the length) and
     * parabolic interpolation on the log magnitudes around the peak bin.
     */
    static double dominantFrequency(float[] x, int rate) {
        int size = Integer.highestOneBit(Math.max(1, x.length) * 16) * 2;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < x.length; i++) {
            re[i] = x[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (x.length - 1)));
        }
        fft(re, im);
        int best = 1;
        double[] mag = new double[size / 2];
        for (int k = 1; k < size / 2; k++) {
            mag[k] = Math.log(Math.hypot(re[k], im[k]) + 1e-30);
            if (mag[k] > mag[best]) {
                best = k;
            }
        }
        double delta = 0;
        if (best > 1 && best < size / 2 - 1) {
            double a = mag[best - 1];
            double b = mag[best];
            double c = mag[best + 1];
            delta = 0.5 * (a - c) / (a - 2 * b + c);
        }
        return (best + delta) * rate / size;
    }

    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int u = i + k;
                    int v = u + len / 2;
                    double vr = re[v] * cr - im[v] * ci;
                    double vi = re[v] * ci + im[v] * cr;
                    re[v] = re[u] - vr;
                    im[v] = im[u] - vi;
                    re[u] += vr;
                    im[u] += vi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }

    /** Normalised cross-correlation of a and b over [from, to), b shifted by lag. */
    static double correlation(float[] a, float[] b, int lag, int from, int to) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = from; i < to; i++) {
            int j = i + lag;
            if (j < 0 || j >= b.length || i >= a.length) {
                continue;
            }
            ab += a[i] * b[j];
            aa += a[i] * a[i];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb + 1e-30);
    }
}
