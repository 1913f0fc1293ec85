package studio.codebook.training.data;

/**
 * How a folder of tracks becomes training segments. Validated on construction, so a manifest read from
 * disk with an impossible setting is rejected rather than producing odd data.
 *
 * @param sampleRate rate every track is resampled to, in Hz (8 000–192 000)
 * @param segmentSeconds length of every segment
 * @param hopSeconds distance between the starts of consecutive segments of a track; less than
 *     {@code segmentSeconds} makes overlapping segments (and uses proportionally more memory)
 * @param minTrackSeconds decoded tracks shorter than this are skipped as "too short"; at most
 *     {@code segmentSeconds}
 * @param validationFraction share of tracks held out for validation, in [0, 0.5]
 * @param targetLufs integrated loudness every track is normalised to
 * @param peakCeilingDb the normalisation gain is reduced so that no sample peaks above this (dBFS)
 * @param seed decides, with each track's content hash, which tracks are held out
 */
public record LibraryConfig(int sampleRate, double segmentSeconds, double hopSeconds, double minTrackSeconds,
        double validationFraction, double targetLufs, double peakCeilingDb, long seed) {

    public LibraryConfig {
        if (sampleRate < 8_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate must be 8000–192000 Hz, not " + sampleRate);
        }
        if (!(segmentSeconds > 0) || segmentSeconds * sampleRate > 600 * 192_000.0) {
            throw new IllegalArgumentException("segment length must be positive and at most 10 minutes, not "
                    + segmentSeconds + " s");
        }
        if (!(hopSeconds > 0) || hopSeconds * sampleRate < 1) {
            throw new IllegalArgumentException("segment hop must be at least one sample, not " + hopSeconds + " s");
        }
        if (!(minTrackSeconds > 0) || minTrackSeconds > segmentSeconds) {
            throw new IllegalArgumentException("minimum track length must be positive and at most the segment length ("
                    + segmentSeconds + " s), not " + minTrackSeconds + " s");
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validation fraction must be within 0–0.5, not " + validationFraction);
        }
        if (!(targetLufs <= 0 && targetLufs >= -70)) {
            throw new IllegalArgumentException("target loudness must be within −70–0 LUFS, not " + targetLufs);
        }
        if (!(peakCeilingDb <= 0 && peakCeilingDb >= -60)) {
            throw new IllegalArgumentException("peak ceiling must be within −60–0 dBFS, not " + peakCeilingDb);
        }
    }

    /** 16 kHz, 5 s segments every 5 s, tracks of 1 s or more, 10 % validation, −16 LUFS with peaks ≤ −1 dBFS. */
    public static LibraryConfig defaults() {
        return new LibraryConfig(16_000, 5.0, 5.0, 1.0, 0.1, -16, -1, 0);
    }

    /** This configuration with another seed. */
    public LibraryConfig withSeed(long newSeed) {
        return new LibraryConfig(sampleRate, segmentSeconds, hopSeconds, minTrackSeconds, validationFraction,
                targetLufs, peakCeilingDb, newSeed);
    }

    /** Samples in one segment. */
    public int segmentSamples() {
        return (int) Math.round(segmentSeconds * sampleRate);
    }

    /** Samples between segment starts. */
    public int hopSamples() {
        return Math.max(1, (int) Math.round(hopSeconds * sampleRate));
    }
}
