package studio.codebook.training.eval;

import studio.codebook.training.loss.AudioMetrics;

/**
 * How much of a signal repeats with the codec's frame period: the energy of its frame-synchronous average.
 *
 * <p>A decoder that renders each frame from a fixed set of waveforms, phase-locked to the frame grid, turns
 * every sustained tone into harmonics of the frame rate (a 50 Hz comb at 50 frames/s): the pitch and the
 * harmonic pattern that tell a saw lead from an electric piano are lost, while the mel spectrum, which merges
 * neighbouring harmonics, barely changes. This measures that. The signal (its mean removed) is cut into
 * frames of {@code hop} samples; within each block of {@code window} consecutive frames the frames are
 * averaged sample by sample; the periodic energy is the energy of those averages repeated over their blocks.
 * The result is its share of the total energy ({@link AudioMetrics#frameRateComb}).
 *
 * <p>Real music is not periodic at an arbitrary frame rate, so it scores near the share that noise scores,
 * about {@code 1 / window}; a signal made of harmonics of the frame rate scores 1.
 *
 * @param windowFrames frames per averaging block ({@link AudioMetrics#COMB_WINDOW_FRAMES} in reports)
 * @param reconstruction mean share of the codec's reconstructions (all codebooks)
 * @param reference mean share of the original segments: what the music itself scores
 */
public record FrameRateComb(int windowFrames, double reconstruction, double reference) {}
