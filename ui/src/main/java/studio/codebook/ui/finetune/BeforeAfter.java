package studio.codebook.ui.finetune;

/**
 * A held-out track through the base model's codec and through the fine-tuned one, as plain samples for
 * playback and the two models' reconstruction quality against the original.
 *
 * @param track the track's path inside the library folder
 * @param sampleRate rate of all three signals
 * @param original the track's first seconds, mono, at the model's rate and loudness-normalised as in training
 * @param before {@code original} encoded and decoded by the base model (all codebooks)
 * @param after the same by the new model
 * @param siSnrBefore SI-SNR of {@code before} against {@code original}, dB (higher is better)
 * @param siSnrAfter the same for {@code after}
 * @param melBefore mel distance of {@code before} (lower is better)
 * @param melAfter the same for {@code after}
 */
public record BeforeAfter(String track, int sampleRate, float[] original, float[] before, float[] after,
        double siSnrBefore, double siSnrAfter, double melBefore, double melAfter) {

    public double seconds() {
        return original.length / (double) sampleRate;
    }
}
