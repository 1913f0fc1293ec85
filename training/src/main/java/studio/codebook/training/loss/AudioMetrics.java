package studio.codebook.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Evaluation metrics on plain sample arrays: no autograd, float64 where it matters. */
public final class AudioMetrics {

    /** Frames per block of {@link #frameRateComb} in reports and validation: half a second at 50 frames/s. */
    public static final int COMB_WINDOW_FRAMES = 25;

    private AudioMetrics() {}

    /**
     * Scale-invariant signal-to-noise ratio in dB (Le Roux et al. 2019), both signals made zero-mean first:
     * with s = (⟨e, r⟩ / ‖r‖²)·r the part of the estimate along the reference, 10·log10(‖s‖² / ‖e − s‖²).
     * Invariant to the estimate's gain; a tiny floor keeps identical signals finite (well above 100 dB).
     *
     * @throws IllegalArgumentException if the lengths differ or either is empty
     */
    public static double siSnr(float[] estimate, float[] reference) {
        if (estimate.length != reference.length || estimate.length == 0) {
            throw new IllegalArgumentException("SI-SNR needs two non-empty signals of equal length, got "
                    + estimate.length + " and " + reference.length + " samples");
        }
        int n = estimate.length;
        double me = 0;
        double mr = 0;
        for (int i = 0; i < n; i++) {
            me += estimate[i];
            mr += reference[i];
        }
        me /= n;
        mr /= n;
        double dot = 0;
        double rr = 0;
        for (int i = 0; i < n; i++) {
            double r = reference[i] - mr;
            dot += (estimate[i] - me) * r;
            rr += r * r;
        }
        double eps = 1e-12;
        double alpha = dot / (rr + eps);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double s = alpha * (reference[i] - mr);
            double e = (estimate[i] - me) - s;
            signal += s * s;
            noise += e * e;
        }
        return 10 * Math.log10((signal + eps) / (noise + eps));
    }

    /**
     * Mel distance: the mean absolute difference of log10(1e-5 + mel) over the default scales of the
     * reconstruction loss ({@link ReconstructionConfig#defaults()}: n_fft 64…1024, 64 HTK mels from 64 Hz),
     * averaged over scales. 0 for identical signals; lower is better.
     *
     * @throws IllegalArgumentException if the lengths differ or either is empty
     */
    public static double melDistance(float[] a, float[] b, int sampleRate) {
        return melDistance(a, b, MelSpectrogram.of(sampleRate, ReconstructionConfig.defaults()));
    }

    /** {@link #melDistance(float[], float[], int)} with a given front end. */
    public static double melDistance(float[] a, float[] b, MelSpectrogram front) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("mel distance needs two non-empty signals of equal length, got "
                    + a.length + " and " + b.length + " samples");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(a, new Shape(1, 1, a.length));
            NDArray y = manager.create(b, new Shape(1, 1, b.length));
            NDArray both = x.concat(y, 0);
            double sum = 0;
            for (int s = 0; s < front.scales(); s++) {
                NDArray log = front.mel(both, s).add(ReconstructionLoss.FLOOR).log10();
                sum += log.get("0").sub(log.get("1")).abs().mean().getFloat();
            }
            return sum / front.scales();
        }
    }

    /**
     * The share of the energy of {@code samples} (mean removed) that repeats with the codec's frame period:
     * within each block of {@code window} frames of {@code hop} samples the frames are averaged sample by
     * sample, and the energy of those averages, repeated over their blocks, is divided by the total. In
     * [0, 1]: about 1 / window for noise or music, 1 for harmonics of the frame rate, 0 for silence or fewer
     * than {@code window} frames. A decoder whose output is phase-locked to its frames scores high (see
     * {@code FrameRateComb} in the evaluation package).
     *
     * @param hop samples per codec frame
     * @param window frames per averaging block (at least 2)
     */
    public static double frameRateComb(float[] samples, int hop, int window) {
        if (hop < 1 || window < 2) {
            throw new IllegalArgumentException("need a hop of at least 1 sample and blocks of at least 2 frames, not "
                    + hop + " and " + window);
        }
        int blocks = samples.length / hop / window;
        int used = blocks * window * hop;
        if (blocks == 0) {
            return 0;
        }
        double mean = 0;
        for (int i = 0; i < used; i++) {
            mean += samples[i];
        }
        mean /= used;
        double total = 0;
        double periodic = 0;
        double[] template = new double[hop];
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(template, 0);
            int start = b * window * hop;
            for (int f = 0; f < window; f++) {
                for (int j = 0; j < hop; j++) {
                    double v = samples[start + f * hop + j] - mean;
                    template[j] += v;
                    total += v * v;
                }
            }
            for (int j = 0; j < hop; j++) {
                double avg = template[j] / window;
                periodic += window * avg * avg;
            }
        }
        return total == 0 ? 0 : periodic / total;
    }
}
