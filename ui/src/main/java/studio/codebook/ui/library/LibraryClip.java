package studio.codebook.ui.library;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GenerationParams;

/**
 * One clip in the library: its WAV file and what its sidecar says about it.
 *
 * @param wav the audio file
 * @param record the sidecar's content, or null when the sidecar is missing or unreadable
 * @param warning why the sidecar could not be used, or null
 * @param created when it was made (the sidecar's time, else the file's)
 */
public record LibraryClip(Path wav, ClipRecord record, String warning, Instant created) {

    public LibraryClip {
        Objects.requireNonNull(wav, "wav");
        Objects.requireNonNull(created, "created");
    }

    /** The sidecar's path, beside the WAV. */
    public Path sidecar() {
        return ClipLibrary.sidecarOf(wav);
    }

    public String prompt() {
        return record == null || record.params() == null ? "" : record.params().prompt();
    }

    public String modelId() {
        return record == null || record.modelId() == null ? "" : record.modelId();
    }

    /** The seed that makes the clip again, or null when unknown. */
    public Long seed() {
        return record == null ? null : record.seed();
    }

    /** Length in seconds, or NaN when unknown. */
    public double durationSeconds() {
        return record == null ? Double.NaN : record.durationSeconds();
    }

    /** The sampling settings in a few words: "top-k 250 · temp 1.00 · cfg 3.0", or empty. */
    public String paramsSummary() {
        GenerationParams p = record == null ? null : record.params();
        if (p == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        s.append(p.topP() > 0 ? String.format("top-p %.2f", p.topP()) : "top-k " + p.topK());
        s.append(String.format(" · temp %.2f · cfg %.1f", p.temperature(), p.cfgScale()));
        if (!p.negativePrompt().isEmpty()) {
            s.append(" · not \"").append(p.negativePrompt()).append('"');
        }
        return s.toString();
    }
}
