package studio.codebook.engine.audio;

import java.util.Arrays;

/**
 * Decoded samples collected frame by frame, per channel. Grows with what is actually decoded, never
 * with what a header claims, and stops at {@link #MAX_SAMPLES} so a damaged file cannot exhaust memory.
 */
final class PcmBuffer {

    /** 2^29 floats (2 GiB): about 100 minutes of 44.1 kHz stereo. */
    static final long MAX_SAMPLES = 1L << 29;

    private final float[][] channels;
    private int frames;

    /** Initial room, in samples over all channels: a size hint from a header must not allocate much before decoding. */
    static final int MAX_INITIAL_SAMPLES = 1 << 16;

    /**
     * @param initialFrames the expected length, a hint only: at most {@link #MAX_INITIAL_SAMPLES} samples are
     *     allocated up front (a 10 KB FLAC file claiming hours of 8-channel audio allocated 32 MB before this
     *     cap; found by fuzzing), the rest as frames are decoded
     */
    PcmBuffer(int numChannels, int initialFrames) {
        channels = new float[numChannels][Math.max(16, Math.min(initialFrames, MAX_INITIAL_SAMPLES / numChannels))];
    }

    int numChannels() {
        return channels.length;
    }

    int frames() {
        return frames;
    }

    /** Room for {@code more} frames after the current ones; false when that would pass the limit. */
    boolean ensureRoom(int more) {
        long needed = (long) frames + more;
        if (needed * channels.length > MAX_SAMPLES) {
            return false;
        }
        if (needed > channels[0].length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, channels[0].length * 2L));
            for (int c = 0; c < channels.length; c++) {
                channels[c] = Arrays.copyOf(channels[c], capacity);
            }
        }
        return true;
    }

    /** The array of channel {@code c} to write into at indices [frames(), frames() + n) after ensureRoom(n). */
    float[] channel(int c) {
        return channels[c];
    }

    /** Marks {@code n} more frames as written. */
    void advance(int n) {
        frames += n;
    }

    /** The frames [from, to) as a clip, channels reordered by {@code order} (null keeps them). */
    AudioClip toClip(int sampleRate, int from, int to, int[] order) {
        from = Math.max(0, Math.min(from, frames));
        to = Math.max(from, Math.min(to, frames));
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = Arrays.copyOfRange(channels[order == null ? c : order[c]], from, to);
        }
        return new AudioClip(out, sampleRate);
    }

    AudioClip toClip(int sampleRate) {
        return toClip(sampleRate, 0, frames, null);
    }
}
