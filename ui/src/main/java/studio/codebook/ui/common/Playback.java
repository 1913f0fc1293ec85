package studio.codebook.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;

/**
 * Audio output as the views see it: one clip plays at a time, from memory. Implementations report
 * "no audio device" through {@link #available()} instead of failing, so everything else keeps working
 * on a machine without a sound card. Property changes are delivered on the FX thread.
 */
public interface Playback {

    /** False when no output line can be opened (no sound card); see {@link #unavailableReason()}. */
    boolean available();

    /** Why playback is unavailable, for the notice; empty when available. */
    String unavailableReason();

    /**
     * Plays mono samples (−1..1) from {@code startSeconds}, replacing whatever played before.
     *
     * @param loop start again at the beginning (or at {@code startSeconds}) when the end is reached
     */
    void play(float[] mono, int sampleRate, double startSeconds, double endSeconds, boolean loop);

    /** Pauses; {@link #resume()} continues from the same position. */
    void pause();

    void resume();

    void stop();

    /** Position of the playhead in seconds from the clip's start. */
    ReadOnlyDoubleProperty position();

    ReadOnlyBooleanProperty playing();

    /**
     * Starts playing audio that is still arriving, replacing whatever played before. This default
     * collects the pieces and plays them when the stream is finished; a real output (LinePlayback) starts
     * at once.
     */
    default PlaybackStream openStream(int sampleRate) {
        Playback self = this;
        return new PlaybackStream() {
            private float[] samples = new float[0];
            private boolean done;

            @Override
            public synchronized void append(float[] mono) {
                if (done) {
                    return;
                }
                float[] grown = java.util.Arrays.copyOf(samples, samples.length + mono.length);
                System.arraycopy(mono, 0, grown, samples.length, mono.length);
                samples = grown;
            }

            @Override
            public synchronized void finish() {
                if (!done) {
                    done = true;
                    self.play(samples, sampleRate, 0, (double) samples.length / sampleRate, false);
                }
            }

            @Override
            public synchronized void cancel() {
                done = true;
            }
        };
    }
}
