package studio.codebook.engine.audio;

/**
 * A piece of audio in memory: float samples in [-1, 1] per channel at one sample rate. Immutable: the
 * arrays are copied in and out.
 */
public final class AudioClip {

    private final float[][] channels;
    private final int sampleRate;

    /**
     * @param channels samples per channel, channels[c][i]; all channels the same length
     * @param sampleRate samples per second per channel
     */
    public AudioClip(float[][] channels, int sampleRate) {
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("an audio clip needs at least one channel");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, not " + sampleRate);
        }
        int n = channels[0].length;
        this.channels = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != n) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " samples, channel 0 has " + n);
            }
            this.channels[c] = channels[c].clone();
        }
        this.sampleRate = sampleRate;
    }

    /** A mono clip. */
    public static AudioClip mono(float[] samples, int sampleRate) {
        return new AudioClip(new float[][] {samples}, sampleRate);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int numChannels() {
        return channels.length;
    }

    /** Samples per channel. */
    public int numFrames() {
        return channels[0].length;
    }

    public double durationSeconds() {
        return (double) numFrames() / sampleRate;
    }

    /** A copy of one channel's samples. */
    public float[] channel(int c) {
        return channels[c].clone();
    }

    /** The mean of all channels (a copy when already mono). */
    public float[] monoSamples() {
        if (channels.length == 1) {
            return channels[0].clone();
        }
        int n = numFrames();
        float[] out = new float[n];
        for (float[] ch : channels) {
            for (int i = 0; i < n; i++) {
                out[i] += ch[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < n; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** This clip down-mixed to one channel (itself when already mono). */
    public AudioClip toMono() {
        return channels.length == 1 ? this : mono(monoSamples(), sampleRate);
    }

    @Override
    public String toString() {
        return String.format("AudioClip[%d ch, %d Hz, %.3f s]", numChannels(), sampleRate, durationSeconds());
    }
}
