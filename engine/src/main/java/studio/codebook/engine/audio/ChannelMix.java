package studio.codebook.engine.audio;

/**
 * Changes a clip's channel count. Channel layouts beyond "mono" and "stereo" are not modelled, so the
 * rules are the simple ones every tool agrees on: to mono, the mean of all channels; from mono, the
 * same signal in every channel; otherwise each source channel c goes to output channel c mod n, and
 * each output is the mean of the channels folded into it (so 5.1 to stereo is not an ITU down-mix).
 */
public final class ChannelMix {

    private ChannelMix() {
    }

    /** {@code clip} with {@code channels} channels (the clip itself when it already has that many). */
    public static AudioClip toChannels(AudioClip clip, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("a clip needs at least one channel, not " + channels);
        }
        int from = clip.numChannels();
        if (from == channels) {
            return clip;
        }
        if (channels == 1) {
            return clip.toMono();
        }
        int n = clip.numFrames();
        float[][] out = new float[channels][n];
        int[] count = new int[channels];
        if (from == 1 || from < channels) {
            for (int c = 0; c < channels; c++) {
                out[c] = clip.channel(c % from);
            }
            return new AudioClip(out, clip.sampleRate());
        }
        for (int c = 0; c < from; c++) {
            float[] src = clip.channel(c);
            float[] dst = out[c % channels];
            count[c % channels]++;
            for (int i = 0; i < n; i++) {
                dst[i] += src[i];
            }
        }
        for (int c = 0; c < channels; c++) {
            float scale = 1f / count[c];
            for (int i = 0; i < n; i++) {
                out[c][i] *= scale;
            }
        }
        return new AudioClip(out, clip.sampleRate());
    }
}
