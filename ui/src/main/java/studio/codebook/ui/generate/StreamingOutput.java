package studio.codebook.ui.generate;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Audio output that plays samples as they arrive, so a variant can be heard while it is still being
 * generated. The shell's line playback offers this; wire it with one line, e.g.
 * {@code viewModel.setStreamingOutput(StreamingOutput.of(playback::openStream, Stream::append, Stream::finish))}.
 * Without it, pressing play plays what has arrived so far.
 */
public interface StreamingOutput {

    /** An open stream: samples appended play in order after what was appended before. */
    interface Stream {
        /** Mono samples, −1..1. */
        void append(float[] mono);

        /** No more samples: play to the end of what was appended. */
        void finish();
    }

    /**
     * Starts a stream at {@code sampleRate}, replacing whatever plays.
     *
     * @return the stream, or null when no output is available
     */
    Stream open(int sampleRate);

    /** Adapts any stream type with append and finish methods. */
    static <S> StreamingOutput of(IntFunction<S> open, BiConsumer<S, float[]> append, Consumer<S> finish) {
        Objects.requireNonNull(open);
        Objects.requireNonNull(append);
        Objects.requireNonNull(finish);
        return rate -> {
            S s = open.apply(rate);
            if (s == null) {
                return null;
            }
            return new Stream() {
                @Override
                public void append(float[] mono) {
                    append.accept(s, mono);
                }

                @Override
                public void finish() {
                    finish.accept(s);
                }
            };
        };
    }
}
