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
}
