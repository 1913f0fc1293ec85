package studio.codebook.ui.inspect;

/**
 * The clip decoded from its first {@code codebooks} codebooks, mono.
 *
 * @param codebooks k
 * @param samples mono samples, as long as the clip at the codec's rate
 * @param sampleRate the codec's rate
 */
public record DecodedAudio(int codebooks, float[] samples, int sampleRate) {

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
