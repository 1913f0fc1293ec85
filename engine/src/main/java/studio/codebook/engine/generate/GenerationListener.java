package studio.codebook.engine.generate;

import studio.codebook.engine.audio.AudioClip;

/**
 * Hears about a generation while it runs. All methods are called on the generating thread; keep them
 * short (hand work to another thread). Every method has a do-nothing default.
 */
public interface GenerationListener {

    /** After every step. */
    default void progress(GenerationProgress progress) {}

    /** Whether to decode finished frames while generating and pass them to {@link #audio}. */
    default boolean wantsAudio() {
        return false;
    }

    /**
     * A piece of finished audio of one variant, in order, without gaps: {@code startSample} is where it
     * begins in the clip.
     */
    default void audio(int variant, AudioClip chunk, long startSample) {}

    /** Polled before every step; returning true stops the generation within one step. */
    default boolean cancelled() {
        return false;
    }

    /** A listener that ignores everything. */
    GenerationListener NONE = new GenerationListener() {};
}
