package studio.codebook.training.synth;

/**
 * What corpus to write.
 *
 * @param seed the corpus seed; with the index it decides every clip
 * @param hours total audio to write (rounded up to whole clips)
 * @param clipSeconds length of every clip
 * @param sampleRate output rate, Hz (mono, 16-bit WAV)
 * @param heldOut true for the evaluation set of {@link HeldOut} pairs only, false for a training corpus
 *     (which never contains them)
 */
public record CorpusSettings(long seed, double hours, double clipSeconds, int sampleRate, boolean heldOut) {

    public CorpusSettings {
        if (!(hours > 0 && hours <= 10_000)) {
            throw new IllegalArgumentException("hours must be within (0, 10000], not " + hours);
        }
        if (!(clipSeconds >= 1 && clipSeconds <= 600)) {
            throw new IllegalArgumentException("clip length must be within 1–600 s, not " + clipSeconds);
        }
        if (sampleRate < 8_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate must be 8000–192000 Hz, not " + sampleRate);
        }
        if (clipCountOf(hours, clipSeconds) > 10_000_000) {
            throw new IllegalArgumentException("too many clips: " + hours + " h of " + clipSeconds + " s clips");
        }
    }

    /** Clips in the corpus: enough to reach {@code hours}. */
    public int clipCount() {
        return (int) clipCountOf(hours, clipSeconds);
    }

    /** Samples in every clip. */
    public int clipSamples() {
        return (int) Math.round(clipSeconds * sampleRate);
    }

    private static long clipCountOf(double hours, double clipSeconds) {
        return Math.max(1, (long) Math.ceil(hours * 3600 / clipSeconds - 1e-9));
    }
}
