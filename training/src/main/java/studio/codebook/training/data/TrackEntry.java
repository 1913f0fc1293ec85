package studio.codebook.training.data;

import java.util.List;
import java.util.Objects;

/**
 * A usable track in the manifest.
 *
 * @param relativePath path inside the library folder, '/'-separated
 * @param contentHash SHA-256 of the file's bytes, lower-case hex; also the track id of its segments
 * @param sizeBytes file size
 * @param durationSeconds duration as decoded
 * @param sampleRate sample rate as decoded
 * @param channels channel count as decoded
 * @param caption the caption and where it came from
 * @param split training or validation
 * @param segmentCount segments cut from the track under the manifest's configuration
 * @param gainDb the loudness-normalisation gain applied after resampling
 * @param warnings things the user may want to fix (an unreadable sidecar), possibly empty
 */
public record TrackEntry(String relativePath, String contentHash, long sizeBytes, double durationSeconds,
        int sampleRate, int channels, Caption caption, Split split, int segmentCount, double gainDb,
        List<String> warnings) {

    public TrackEntry {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(split, "split");
        if (contentHash == null || !contentHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(relativePath + ": content hash must be 64 hex digits, not " + contentHash);
        }
        if (sizeBytes <= 0 || !(durationSeconds > 0) || sampleRate <= 0 || channels <= 0 || segmentCount < 1
                || !Double.isFinite(gainDb)) {
            throw new IllegalArgumentException(relativePath + ": impossible size, duration, format, gain or segment count");
        }
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    TrackEntry withCaption(Caption newCaption) {
        return new TrackEntry(relativePath, contentHash, sizeBytes, durationSeconds, sampleRate, channels, newCaption,
                split, segmentCount, gainDb, warnings);
    }
}
