package studio.codebook.ui.library;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.ui.common.ClipSink;

/**
 * The user's generated clips: a folder of WAV files, each with its {@link ClipRecord} as a JSON sidecar
 * of the same name. Both files are written atomically (the WAV first, so a sidecar never points at a
 * missing file). A clip whose sidecar is missing or unreadable is still listed, with a warning.
 *
 * <p>Methods do file I/O: call them from background tasks. Listeners hear about saves and deletions on
 * the thread that made them.
 */
public final class ClipLibrary implements ClipSink {

    private static final System.Logger LOG = System.getLogger(ClipLibrary.class.getName());
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final List<Consumer<Path>> listeners = new CopyOnWriteArrayList<>();

    /** A library in {@code folder} (created at the first save). */
    public ClipLibrary(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
    }

    public Path folder() {
        return folder;
    }

    /** The sidecar beside a WAV: same name, .json. */
    public static Path sidecarOf(Path wav) {
        String name = wav.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return wav.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /**
     * Writes the clip as 16-bit WAV and its record beside it, under a new name made from the time, the
     * prompt and the seed; the record's {@code file} is set to that name.
     */
    @Override
    public Path save(AudioClip clip, ClipRecord record) throws IOException {
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(record, "record");
        Files.createDirectories(folder);
        Path wav = freeName(record);
        ClipRecord named = new ClipRecord(wav.getFileName().toString(), record.createdAt(), record.app(),
                record.params(), record.variant(), record.seed(), record.modelId(), record.modelHash(),
                record.continuedFrom(), record.promptSeconds(), record.durationSeconds(), record.sampleRate(),
                record.timings());
        WavWriter.write(clip, wav, WavWriter.BitDepth.PCM_16);
        named.write(sidecarOf(wav));
        listeners.forEach(l -> l.accept(wav));
        return wav;
    }

    /** Every clip, newest first. A missing folder is an empty library. */
    public List<LibraryClip> list() throws IOException {
        List<LibraryClip> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> wavs = Files.newDirectoryStream(folder, p ->
                p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav") && Files.isRegularFile(p))) {
            for (Path wav : wavs) {
                out.add(read(wav));
            }
        }
        out.sort(Comparator.comparing(LibraryClip::created).reversed()
                .thenComparing(c -> c.wav().getFileName().toString()));
        return out;
    }

    /** The clips that match, newest first. */
    public List<LibraryClip> search(ClipQuery query) throws IOException {
        return list().stream().filter(query::matches).toList();
    }

    /** Deletes the clip's WAV and its sidecar. */
    public void delete(LibraryClip clip) throws IOException {
        Path wav = clip.wav();
        if (!wav.toAbsolutePath().normalize().startsWith(folder.normalize())) {
            throw new IOException(wav + " is not in the library folder " + folder);
        }
        Files.deleteIfExists(sidecarOf(wav));
        Files.deleteIfExists(wav);
        listeners.forEach(l -> l.accept(wav));
    }

    /** Hears about every save and delete (the WAV's path), on the thread that made it. */
    public void addListener(Consumer<Path> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(Consumer<Path> listener) {
        listeners.remove(listener);
    }

    private LibraryClip read(Path wav) throws IOException {
        Path sidecar = sidecarOf(wav);
        Instant fileTime = Files.getLastModifiedTime(wav).toInstant();
        if (!Files.exists(sidecar)) {
            return new LibraryClip(wav, null, "no sidecar (" + sidecar.getFileName() + " is missing)", fileTime);
        }
        try {
            ClipRecord record = ClipRecord.read(sidecar);
            Instant created = fileTime;
            if (record.createdAt() != null) {
                try {
                    created = Instant.parse(record.createdAt());
                } catch (DateTimeParseException e) {
                    // the file's time is the best we have
                }
            }
            return new LibraryClip(wav, record, null, created);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            LOG.log(Level.WARNING, "unreadable sidecar " + sidecar + ": " + reason);
            return new LibraryClip(wav, null, sidecar.getFileName() + " is unreadable: " + reason, fileTime);
        }
    }

    private Path freeName(ClipRecord record) {
        Instant at;
        try {
            at = record.createdAt() == null ? Instant.now() : Instant.parse(record.createdAt());
        } catch (DateTimeParseException e) {
            at = Instant.now();
        }
        String prompt = record.params() == null ? "" : record.params().prompt();
        String slug = prompt.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        String base = NAME_TIME.format(at) + "-" + (slug.isEmpty() ? "clip" : slug) + "-" + record.seed();
        Path wav = folder.resolve(base + ".wav");
        for (int n = 2; Files.exists(wav) || Files.exists(sidecarOf(wav)); n++) {
            wav = folder.resolve(base + "-" + n + ".wav");
        }
        return wav;
    }
}
