package studio.codebook.training.eval;

import java.util.Arrays;

/**
 * How much of a signal repeats with the codec's frame period: the energy of its frame-synchronous average.
 *
 * <p>A decoder that renders each frame from a fixed set of waveforms, phase-locked to the frame grid, turns
 * every sustained tone into harmonics of the frame rate (a 50 Hz comb at 50 frames/s): the pitch and the
 * harmonic pattern that tell a saw lead from an electric piano are lost, while the mel spectrum, which merges
 * neighbouring harmonics, barely changes. This measures that. The signal (its mean removed) is cut into
 * frames of {@code hop} samples; within each block of {@code window} consecutive frames the frames are
 * averaged sample by sample; the periodic energy is the energy of those averages repeated over their blocks.
 * The result is its share of the total energy.
 *
 * <p>Real music is not periodic at an arbitrary frame rate, so it scores near the share that noise scores,
 * about {@code 1 / window}; a signal made of harmonics of the frame rate scores 1.
 *
 * @param windowFrames frames per averaging block
 * @param reconstruction mean share of the codec's reconstructions (all codebooks)
 * @param reference mean share of the original segments: what the music itself scores
 */
public record FrameRateComb(int windowFrames, double reconstruction, double reference) {

    /** Frames per block: 25, half a second at 50 frames/s. */
    public static final int WINDOW_FRAMES = 25;

    /**
     * The frame-periodic share of {@code samples}: in [0, 1], 0 for silence or fewer than {@code window}
     * frames.
     *
     * @param hop samples per codec frame
     * @param window frames per averaging block (at least 2)
     */
    public static double share(float[] samples, int hop, int window) {
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
