package studio.codebook.ui.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioTags;
import studio.codebook.engine.audio.FlacWriter;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.generate.ClipRecord;

/**
 * Writes a generated clip where the user chose, in the chosen format, with its provenance twice: inside
 * the file (title = the prompt, comment = the record's JSON, software = the app; FLAC also gets SEED and
 * MODEL fields) and as the JSON sidecar beside it, the same as the library keeps. Both writes are atomic.
 */
public final class ClipExporter {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ClipExporter() {
    }

    /**
     * @return the sidecar written beside {@code target}
     */
    public static Path export(AudioClip clip, ClipRecord record, Path target, ExportFormat format) throws IOException {
        ClipRecord renamed = withFile(record, target.getFileName().toString());
        Map<String, String> tags = tags(renamed);
        switch (format) {
            case WAV_16, WAV_24 -> WavWriter.write(clip, target, format.bits(), tags);
            case FLAC -> FlacWriter.write(clip, target, format.bits(), tags);
            default -> throw new IllegalArgumentException(format.toString());
        }
        Path sidecar = sidecarOf(target);
        renamed.write(sidecar);
        return sidecar;
    }

    /** The tags written into an exported file. */
    public static Map<String, String> tags(ClipRecord record) throws IOException {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(AudioTags.TITLE, record.params().prompt().isBlank() ? "(no prompt)" : record.params().prompt());
        tags.put(AudioTags.COMMENT, COMPACT.writeValueAsString(record));
        tags.put(AudioTags.SOFTWARE, record.app());
        tags.put("SEED", Long.toString(record.seed()));
        tags.put("MODEL", record.modelId() + (record.modelHash() == null ? "" : " " + record.modelHash()));
        return tags;
    }

    /** Reads the record back from an exported file's comment tag. */
    public static ClipRecord recordIn(Map<String, String> tags) throws IOException {
        String json = tags.get(AudioTags.COMMENT);
        if (json == null) {
            throw new IOException("the file has no comment tag with a clip record");
        }
        return COMPACT.readValue(json, ClipRecord.class);
    }

    /** {@code song.flac} → {@code song.json}. */
    public static Path sidecarOf(Path audio) {
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return audio.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** A file name for the clip: the prompt's first words and the seed, e.g. {@code warm-lo-fi-beat-1234.wav}. */
    public static String suggestedName(ClipRecord record, ExportFormat format) {
        String words = record.params().prompt().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        if (words.length() > 40) {
            words = words.substring(0, 40).replaceAll("-[^-]*$", "");
        }
        return (words.isEmpty() ? "clip" : words) + "-" + record.seed() + "." + format.extension();
    }

    static ClipRecord withFile(ClipRecord r, String file) {
        return new ClipRecord(file, r.createdAt(), r.app(), r.params(), r.variant(), r.seed(), r.modelId(),
                r.modelHash(), r.continuedFrom(), r.promptSeconds(), r.durationSeconds(), r.sampleRate(), r.timings());
    }
}
