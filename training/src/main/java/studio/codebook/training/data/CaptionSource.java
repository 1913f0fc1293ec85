package studio.codebook.training.data;

/** Where a track's caption came from, in the order the library tries them. */
public enum CaptionSource {
    /** {@code NAME.txt} next to the track: its trimmed text. */
    SIDECAR_TXT,
    /** {@code NAME.json} next to the track: its "caption" (or "description") field. */
    SIDECAR_JSON,
    /** The file's own tags (title, artist, genre, BPM, key) read with jaudiotagger. */
    TAGS,
    /** Worded from automatic analysis: brightness, loudness, tempo, key. */
    ANALYSIS,
    /** Written or changed by the user after the scan. */
    EDITED
}
