package studio.codebook.ui.common;

/**
 * Audio that is still being made (a generation in progress), played as it arrives. Append pieces in
 * order from any thread; {@link #finish()} when the last piece is in. Playback waits (silently) when it
 * catches up with the audio appended so far.
 */
public interface PlaybackStream {

    /** Adds mono samples (−1..1) after those appended before. */
    void append(float[] mono);

    /** No more audio will come; playback ends (or loops) at the end of what was appended. */
    void finish();

    /** Stops playing this stream; later appends are ignored. */
    void cancel();
}
