package studio.codebook.training.data;

/**
 * A piece of one track, ready to train on: mono samples at the library's sample rate, and the caption of
 * the track it was cut from.
 *
 * @param trackId the track's id in the manifest (its content hash)
 * @param samples mono samples in [-1, 1], all segments of a library the same length
 * @param caption what the music is, for the language model's text conditioning
 */
public record Segment(String trackId, float[] samples, String caption) {}
