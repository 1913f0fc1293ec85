package studio.codebook.engine.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An audio file could not be read. The message names the file and says what is wrong in words a musician
 * can act on ("take1.mp3: named .mp3 but the content is a WAV file; rename it to .wav"); {@link #kind()}
 * lets callers (a track library, the import dialog) group problems without parsing messages.
 */
public final class AudioFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem the file has. */
    public enum Kind {
        /** The file holds no bytes. */
        EMPTY,
        /** The file ends before its own headers say it should: an interrupted copy or download. */
        TRUNCATED,
        /** The file is of a known format but its content is damaged. */
        CORRUPT,
        /** A known format in a variant this reader does not decode (e.g. ADPCM WAV, Ogg Opus). */
        UNSUPPORTED,
        /** The extension names one audio format, the content is another. */
        MISLABELLED,
        /** The content is not audio in any format this reader knows. */
        NOT_AUDIO
    }

    private final transient Path file;
    private final Kind kind;

    public AudioFormatException(Path file, Kind kind, String reason) {
        this(file, kind, reason, null);
    }

    public AudioFormatException(Path file, Kind kind, String reason, Throwable cause) {
        super(displayName(file) + ": " + reason, cause);
        this.file = file;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }

    static String displayName(Path file) {
        if (file == null) {
            return "(no file)";
        }
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
