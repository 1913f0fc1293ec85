package studio.codebook.training.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.io.AtomicWrite;

/**
 * Writes a corpus folder: for every clip {@code NAME.wav} (16-bit mono) and {@code NAME.json} (its caption and
 * attributes; the sidecar {@code TrackLibrary} reads), plus {@value #MANIFEST} listing the settings, the
 * held-out pairs and every clip's fields.
 *
 * <p>Resumable: a clip whose WAV has the expected size and whose sidecar exists is not rendered again (both
 * are written atomically, WAV first). The folder must be empty, or a corpus of the same seed, kind, clip
 * length and rate; anything else is refused before a file is written.
 */
public final class CorpusWriter {

    /** The corpus manifest's file name. */
    public static final String MANIFEST = "corpus.json";
    static final int FORMAT_VERSION = 1;
    private static final int MANIFEST_EVERY = 200;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Progress of a run, called once per clip. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done clips finished so far, this one included
         * @param skipped whether this clip was already complete in the folder
         */
        void clip(int done, int total, ClipSpec clip, boolean skipped);

        Listener NONE = (done, total, clip, skipped) -> { };
    }

    /**
     * What a run did.
     *
     * @param rendered clips rendered and written
     * @param skipped clips already complete in the folder
     * @param renderSeconds wall-clock time spent rendering (not writing)
     */
    public record Result(int rendered, int skipped, double renderSeconds) {
    }

    private CorpusWriter() {
    }

    /**
     * Writes (or completes) the corpus of {@code settings} in {@code folder}, creating it if needed.
     *
     * @throws CorpusException when the folder holds anything but a corpus of the same settings
     */
    public static Result write(Path folder, CorpusSettings settings, Listener listener) throws IOException {
        checkFolder(folder, settings);
        Files.createDirectories(folder);
        removeInterruptedWrites(folder);
        int total = settings.clipCount();
        writeManifest(folder, settings, 0, false);
        int rendered = 0;
        int skipped = 0;
        long renderNanos = 0;
        for (int i = 0; i < total; i++) {
            ClipSpec clip = ClipSpec.of(settings.seed(), i, settings.heldOut());
            boolean present = isComplete(folder, clip, settings);
            if (present) {
                skipped++;
            } else {
                long t0 = System.nanoTime();
                AudioClip audio = clip.render(settings.clipSeconds(), settings.sampleRate());
                renderNanos += System.nanoTime() - t0;
                WavWriter.write(audio, folder.resolve(clip.name() + ".wav"), 16);
                AtomicWrite.write(folder.resolve(clip.name() + ".json"), JSON.writeValueAsBytes(clip.sidecar()));
                rendered++;
            }
            listener.clip(i + 1, total, clip, present);
            if ((i + 1) % MANIFEST_EVERY == 0 && i + 1 < total) {
                writeManifest(folder, settings, i + 1, false);
            }
        }
        writeManifest(folder, settings, total, true);
        return new Result(rendered, skipped, renderNanos / 1e9);
    }

    /** Whether clip {@code clip} is already in {@code folder}: a WAV of the expected size and a sidecar. */
    static boolean isComplete(Path folder, ClipSpec clip, CorpusSettings settings) throws IOException {
        Path wav = folder.resolve(clip.name() + ".wav");
        Path json = folder.resolve(clip.name() + ".json");
        long expected = 44 + 2L * settings.clipSamples(); // canonical 16-bit mono PCM header
        return Files.isRegularFile(json) && Files.isRegularFile(wav) && Files.size(wav) == expected;
    }

    private static void checkFolder(Path folder, CorpusSettings settings) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new CorpusException(folder + ": not a folder");
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            empty = !entries.iterator().hasNext();
        }
        if (empty) {
            return;
        }
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new CorpusException(folder + " is not empty and holds no synthetic corpus (no " + MANIFEST
                    + "); choose an empty or new folder");
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new CorpusException(manifest + " cannot be read as a corpus manifest (" + e.getMessage()
                    + "); choose an empty or new folder");
        }
        String found = describe(root.path("seed").asLong(), root.path("held_out").asBoolean(),
                root.path("clip_seconds").asDouble(), root.path("sample_rate").asInt());
        String wanted = describe(settings.seed(), settings.heldOut(), settings.clipSeconds(), settings.sampleRate());
        if (root.path("format").asInt() != FORMAT_VERSION || !found.equals(wanted)) {
            throw new CorpusException(folder + " holds another corpus (" + found + "), not " + wanted
                    + "; choose an empty or new folder, or the settings it was made with");
        }
    }

    private static String describe(long seed, boolean heldOut, double clipSeconds, int rate) {
        return String.format(Locale.ROOT, "%s, seed %d, %s s clips at %d Hz", heldOut ? "held-out set" : "training",
                seed, trim(clipSeconds), rate);
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Temporary files of atomic writes that a crash left behind (ours: the folder is a corpus of ours). */
    private static void removeInterruptedWrites(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*.partial")) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void writeManifest(Path folder, CorpusSettings settings, int clips, boolean complete)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT_VERSION);
        m.put("generator", "codebook-studio synth");
        m.put("seed", settings.seed());
        m.put("held_out", settings.heldOut());
        m.put("clip_seconds", settings.clipSeconds());
        m.put("sample_rate", settings.sampleRate());
        m.put("clip_count", settings.clipCount());
        m.put("complete", complete);
        List<Map<String, String>> pairs = new ArrayList<>();
        for (HeldOut.Pair p : HeldOut.combinations()) {
            Map<String, String> pair = new LinkedHashMap<>(); // Map.of's order changes from run to run
            pair.put("genre", p.genre().label());
            pair.put("lead", p.lead().label());
            pairs.add(pair);
        }
        m.put("held_out_pairs", pairs);
        List<Map<String, Object>> list = new ArrayList<>(clips);
        for (int i = 0; i < clips; i++) {
            ClipSpec clip = ClipSpec.of(settings.seed(), i, settings.heldOut());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", clip.name());
            fields.putAll(clip.sidecar());
            list.add(fields);
        }
        m.put("clips", list);
        AtomicWrite.write(folder.resolve(MANIFEST), JSON.writeValueAsBytes(m));
    }
}
