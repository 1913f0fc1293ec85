package studio.codebook.training.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MelSpectrogramTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Plain Java: reflect pad, zero pad, naive windowed DFT, |X|²/Σw², filterbank. [mels][frames]. */
    static double[][] naiveMel(float[] x, int sampleRate, int n, int mels, double minHz) {
        double[][] power = naivePower(x, n);
        int bins = n / 2 + 1;
        double[][] fb = MelSpectrogram.filterbank(sampleRate, n, mels, minHz, sampleRate / 2.0);
        double[][] out = new double[mels][power.length];
        for (int t = 0; t < power.length; t++) {
            for (int m = 0; m < mels; m++) {
                double s = 0;
                for (int f = 0; f < bins; f++) {
                    s += fb[f][m] * power[t][f];
                }
                out[m][t] = s;
            }
        }
        return out;
    }

    /** The normalised power spectrogram [frames][n / 2 + 1] by a naive DFT, with the class's framing. */
    static double[][] naivePower(float[] x, int n) {
        int hop = n / 4;
        int p = (n - hop) / 2;
        int length = x.length;
        double[] padded = new double[length + 2 * p];
        for (int i = 0; i < padded.length; i++) {
            int j = i - p;
            int src = j < 0 ? -j : j >= length ? 2 * (length - 1) - j : j;
            padded[i] = x[src];
        }
        double nFrames = (padded.length - n) / (double) hop + 1;
        int frames = (int) Math.ceil(nFrames);
        double[] full = java.util.Arrays.copyOf(padded, (frames - 1) * hop + n); // zeros on the right
        double[] w = MelSpectrogram.hann(n);
        double wsum = 0;
        for (double v : w) {
            wsum += v * v;
        }
        int bins = n / 2 + 1;
        double[][] out = new double[frames][bins];
        for (int t = 0; t < frames; t++) {
            for (int f = 0; f < bins; f++) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < n; j++) {
                    double v = w[j] * full[t * hop + j];
                    re += v * Math.cos(2 * Math.PI * f * j / n);
                    im -= v * Math.sin(2 * Math.PI * f * j / n);
                }
                out[t][f] = (re * re + im * im) / wsum;
            }
        }
        return out;
    }

    @Test
    void matchesANaiveDftOnASmallSignal() {
        Random r = new Random(1);
        int sr = 16000;
        MelSpectrogram front = new MelSpectrogram(sr, List.of(32, 64, 256), 24, 64);
        for (int length : new int[] {300, 333}) {
            float[] a = new float[length];
            float[] b = new float[length];
            for (int i = 0; i < length; i++) {
                a[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / sr) + 0.1 * r.nextGaussian());
                b[i] = (float) r.nextGaussian();
            }
            NDArray batch = manager.create(a, new Shape(1, 1, length)).concat(manager.create(b, new Shape(1, 1, length)), 0);
            for (int s = 0; s < front.scales(); s++) {
                NDArray mel = front.mel(batch, s);
                int n = front.fftSize(s);
                long frames = front.frames(s, length);
                assertEquals(new Shape(2, 24, frames), mel.getShape());
                float[] got = mel.toFloatArray();
                double maxError = 0;
                double maxValue = 0;
                for (int row = 0; row < 2; row++) {
                    double[][] expected = naiveMel(row == 0 ? a : b, sr, n, 24, 64);
                    assertEquals(frames, expected[0].length, "frames at n_fft " + n);
                    for (int m = 0; m < 24; m++) {
                        for (int t = 0; t < frames; t++) {
                            double e = expected[m][t];
                            double g = got[(int) ((row * 24 + m) * frames + t)];
                            maxError = Math.max(maxError, Math.abs(e - g));
                            maxValue = Math.max(maxValue, Math.abs(e));
                            assertEquals(e, g, 1e-4 * (1 + Math.abs(e)), "n_fft " + n + " band " + m + " frame " + t);
                        }
                    }
                }
                System.out.printf("n_fft %d, L %d: max |mel - naive| %.2e (max value %.2e)%n", n, length, maxError, maxValue);
            }
        }
    }

    @Test
    void aToneOf440HzPeaksInTheBandsWhoseTriangleHoldsIt() {
        int sr = 16000;
        ReconstructionConfig config = ReconstructionConfig.defaults();
        MelSpectrogram front = MelSpectrogram.of(sr, config);
        float[] tone = new float[sr];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / sr));
        }
        double[] edges = MelSpectrogram.bandEdges(config.mels(), config.minHz(), sr / 2.0);
        // the band whose triangle weighs 440 Hz most
        int expected = -1;
        double best = -1;
        for (int m = 0; m < config.mels(); m++) {
            double w = Math.min((440 - edges[m]) / (edges[m + 1] - edges[m]), (edges[m + 2] - 440) / (edges[m + 2] - edges[m + 1]));
            if (w > best) {
                best = w;
                expected = m;
            }
        }
        NDArray x = manager.create(tone, new Shape(1, 1, tone.length));
        int scale = config.fftSizes().indexOf(1024);
        float[] mean = front.mel(x, scale).mean(new int[] {2}).toFloatArray();
        int peak = 0;
        for (int m = 1; m < mean.length; m++) {
            if (mean[m] > mean[peak]) {
                peak = m;
            }
        }
        System.out.printf("440 Hz: peak band %d (peak %.1f Hz, edges %.1f–%.1f Hz), expected %d%n",
                peak, edges[peak + 1], edges[peak], edges[peak + 2], expected);
        assertEquals(expected, peak);
        assertTrue(edges[peak] < 440 && 440 < edges[peak + 2]);
        for (int s = 0; s < front.scales(); s++) {
            System.out.printf("n_fft %d: %d of %d mel bands hold no bin%n", front.fftSize(s), front.emptyBands(s), front.mels());
        }
    }

    @Test
    void filterbankIsHtkWithUnitPeaks() {
        assertEquals(1000.0, MelSpectrogram.hzToMel(1000), 0.05); // HTK's anchor: 1000 Hz ≈ 1000 mel
        assertEquals(440.0, MelSpectrogram.melToHz(MelSpectrogram.hzToMel(440)), 1e-9);
        double[] edges = MelSpectrogram.bandEdges(10, 64, 8000);
        assertEquals(64, edges[0], 1e-9);
        assertEquals(8000, edges[11], 1e-6);
        // n_fft 16000 at 16 kHz puts a bin on every integer Hz; a band peaks (≈1) at its centre bin
        double[][] fb = MelSpectrogram.filterbank(16000, 16000, 10, 64, 8000);
        for (int m = 0; m < 10; m++) {
            int centre = (int) Math.round(edges[m + 1]);
            assertEquals(1.0, fb[centre][m], 2.0 / (edges[m + 1] - edges[m]));
            assertEquals(0.0, fb[(int) Math.floor(edges[m])][m], 1e-12);
        }
        assertEquals(3, MelSpectrogram.reflect(-3, 10));
        assertEquals(7, MelSpectrogram.reflect(11, 10));
        assertEquals(0, MelSpectrogram.reflect(5, 1));
    }
}
