package studio.codebook.training.data;

import studio.codebook.engine.audio.AudioFormatException;

/** Why a file of the library folder is not used. */
public enum SkipKind {
    /** An audio file with no bytes. */
    EMPTY,
    /** An audio file that ends before its headers say it should (an interrupted copy). */
    TRUNCATED,
    /** An audio file whose content is damaged. */
    CORRUPT,
    /** A known format in a variant that is not decoded (e.g. ADPCM WAV, Ogg Opus), or too large. */
    UNSUPPORTED,
    /** The extension names one format, the content is another. */
    MISLABELLED,
    /** Decoded, but shorter than the configuration's minimum track length. */
    TOO_SHORT,
    /** Not an audio file (a PDF, a text file that is no track's sidecar, random bytes). */
    NOT_AUDIO,
    /** The file could not be read at all (permissions, I/O error), or is a link the scan does not follow. */
    UNREADABLE;

    static SkipKind of(AudioFormatException.Kind kind) {
        return switch (kind) {
            case EMPTY -> EMPTY;
            case TRUNCATED -> TRUNCATED;
            case CORRUPT -> CORRUPT;
            case UNSUPPORTED -> UNSUPPORTED;
            case MISLABELLED -> MISLABELLED;
            case NOT_AUDIO -> NOT_AUDIO;
        };
    }
}
