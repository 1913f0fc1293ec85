package studio.codebook.training.data;

/**
 * A piece of one track, ready to train on: mono samples at the library's sample rate, the caption of the
 * track it was cut from, where in the track it starts and the track's tempo when one is known.
 *
 * @param trackId the track's id in the manifest (its content hash)
 * @param samples mono samples in [-1, 1], all segments of a library the same length
 * @param caption what the music is, for the language model's text conditioning
 * @param startSeconds where in its track the segment starts
 * @param bpm the track's tempo from its sidecar or the analysis ({@link Caption#attributes()} "bpm"), or NaN
 *     when unknown; its beat 1 is taken to be at the start of the track, as in the synthetic corpus
 */
public record Segment(String trackId, float[] samples, String caption, double startSeconds, double bpm) {

    /** A segment at the start of its track, tempo unknown. */
    public Segment(String trackId, float[] samples, String caption) {
        this(trackId, samples, caption, 0, Double.NaN);
    }

    /** Whether the track's tempo is known. */
    public boolean hasTempo() {
        return !Double.isNaN(bpm);
    }
}
