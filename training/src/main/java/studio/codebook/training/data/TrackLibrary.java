package studio.codebook.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioFormatException;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.audio.Loudness;
import studio.codebook.engine.lm.BeatClock;

/**
 * Turns a folder of the user's own tracks into captioned training segments.
 *
 * <p>The folder is walked recursively in sorted order (links are not followed). Files named .wav, .flac,
 * .mp3 or .ogg (any case) are decoded; a .txt or .json with the same base name as one of them is its
 * caption sidecar; every other file is listed as skipped, "not audio", without being opened. A file that
 * cannot be used is listed with its kind and a reason that names it, and the scan goes on.
 *
 * <p>A usable track is down-mixed to mono, resampled to the library rate, normalised to the target loudness
 * and cut into segments of exactly {@code segmentSeconds} every {@code hopSeconds}; the tail shorter than a
 * segment is dropped, and a track between {@code minTrackSeconds} and {@code segmentSeconds} long gives one
 * segment, zero-padded at the end. Tracks are held out for validation whole (see {@link ValidationSplit}).
 *
 * <p>The user's files are only read: each is opened read-only once (its bytes are hashed and decoded from
 * memory), and nothing is ever written in the folder. Files are decoded one at a time; the segments are
 * kept in memory as float arrays: 4 bytes per sample, so about 230 MB per hour of audio at 16 kHz with
 * non-overlapping segments (a few hours ≈ 1 GB, which the app accepts), times {@code segment/hop} when
 * segments overlap. Stateless: scans may run on several threads (tempo analysis is serialised).
 */
public final class TrackLibrary {

    /** One Java array must hold the file; music files never come near. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private TrackLibrary() {
    }

    /** Scans {@code folder}; see the class comment. */
    public static LibraryScan scan(Path folder, LibraryConfig config, ScanListener listener) throws IOException {
        return scan(folder, config, listener, null);
    }

    /**
     * Scans {@code folder} again after an earlier scan: tracks whose content is unchanged keep the split the
     * previous manifest gave them (when it used the same seed and validation fraction), and keep captions the
     * user edited.
     *
     * @param previous an earlier manifest of this library, or null
     * @throws CancellationException when the listener cancels; nothing is kept
     * @throws IOException when the folder itself cannot be listed (single files that cannot be read are skipped)
     */
    public static LibraryScan scan(Path folder, LibraryConfig config, ScanListener listener, Manifest previous)
            throws IOException {
        return scan(folder, config, listener, previous, Clock.systemUTC());
    }

    static LibraryScan scan(Path folder, LibraryConfig config, ScanListener listener, Manifest previous, Clock clock)
            throws IOException {
        Path root = libraryRoot(folder);
        FolderListing listing = FolderListing.of(root);
        List<SkippedFile> skipped = new ArrayList<>(listing.unreachable());
        Map<String, TrackEntry> before = new HashMap<>();
        boolean sameSplitRule = previous != null && previous.config().seed() == config.seed()
                && previous.config().validationFraction() == config.validationFraction();
        if (previous != null) {
            previous.tracks().forEach(t -> before.putIfAbsent(t.contentHash(), t));
        }
        List<TrackEntry> tracks = new ArrayList<>();
        Map<String, List<float[]>> segmentsByPath = new HashMap<>();
        List<Path> files = listing.files();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (listener.cancelled()) {
                throw new CancellationException("library scan of " + root + " cancelled after " + i + " of "
                        + files.size() + " files");
            }
            listener.progress(i, files.size(), file);
            String relative = listing.relative(file);
            if (listing.isSidecar(file)) {
                continue; // read with its track
            }
            if (!FolderListing.isAudioName(file)) {
                skipped.add(new SkippedFile(relative, sizeOrUnknown(file), SkipKind.NOT_AUDIO, FolderListing.name(file)
                        + ": not an audio file (readable formats: .wav, .flac, .mp3, .ogg)"));
                continue;
            }
            Decoded decoded;
            try {
                decoded = decode(file, relative, config);
            } catch (Skip s) {
                skipped.add(s.skipped);
                continue;
            }
            List<String> warnings = new ArrayList<>();
            TrackEntry old = before.get(decoded.hash);
            Caption caption = old != null && old.caption().source() == CaptionSource.EDITED ? old.caption()
                    : TrackCaptions.find(file, listing, () -> MusicAnalysis.of(decoded.prepared.samples(),
                            config.sampleRate(), Loudness.integratedLufs(decoded.clip)), warnings);
            List<float[]> segments = TrackPreparation.cut(decoded.prepared.samples(), config);
            tracks.add(new TrackEntry(relative, decoded.hash, decoded.size, decoded.clip.durationSeconds(),
                    decoded.clip.sampleRate(), decoded.clip.numChannels(), caption, Split.TRAINING, segments.size(),
                    decoded.prepared.gainDb(), warnings));
            segmentsByPath.put(relative, segments);
        }
        Map<String, Split> pinned = new HashMap<>();
        if (sameSplitRule) {
            before.forEach((hash, t) -> pinned.put(hash, t.split()));
        }
        Map<String, Split> split = ValidationSplit.assign(tracks.stream().map(TrackEntry::contentHash).toList(),
                config, pinned);
        List<TrackEntry> withSplit = tracks.stream().map(t -> new TrackEntry(t.relativePath(), t.contentHash(),
                t.sizeBytes(), t.durationSeconds(), t.sampleRate(), t.channels(), t.caption(),
                split.get(t.contentHash()), t.segmentCount(), t.gainDb(), t.warnings())).toList();
        skipped.sort(Comparator.comparing(SkippedFile::relativePath));
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, root.toString(), config,
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), withSplit, skipped);
        return assemble(manifest, segmentsByPath);
    }

    /**
     * The segments of a manifest, typically one whose captions the user edited: the files it lists as tracks
     * are read again from {@code folder} and cut with the manifest's configuration; captions and splits are
     * the manifest's, nothing is re-decided.
     *
     * @throws LibraryChangedException when a listed track is missing, changed or no longer decodes the same
     * @throws CancellationException when the listener cancels
     */
    public static LibraryScan rebuild(Path folder, Manifest manifest, ScanListener listener) throws IOException {
        Path root = libraryRoot(folder);
        LibraryConfig config = manifest.config();
        Map<String, List<float[]>> segmentsByPath = new HashMap<>();
        List<TrackEntry> tracks = manifest.tracks();
        for (int i = 0; i < tracks.size(); i++) {
            TrackEntry track = tracks.get(i);
            if (listener.cancelled()) {
                throw new CancellationException("rebuilding segments cancelled after " + i + " of " + tracks.size()
                        + " tracks");
            }
            Path file = root.resolve(track.relativePath()).normalize();
            listener.progress(i, tracks.size(), file);
            if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new LibraryChangedException(track.relativePath() + " is no longer in " + root
                        + "; scan the folder again");
            }
            Decoded decoded;
            try {
                decoded = decode(file, track.relativePath(), config);
            } catch (Skip s) {
                throw new LibraryChangedException(s.skipped.reason() + "; scan the folder again");
            }
            List<float[]> segments = TrackPreparation.cut(decoded.prepared.samples(), config);
            if (!decoded.hash.equals(track.contentHash()) || segments.size() != track.segmentCount()) {
                throw new LibraryChangedException(track.relativePath() + " has changed since the scan of "
                        + manifest.scanDate() + "; scan the folder again");
            }
            segmentsByPath.put(track.relativePath(), segments);
        }
        return assemble(manifest, segmentsByPath);
    }

    /** The tempo a caption's source measured or stated ("bpm"), when it is a usable one; else NaN. */
    static double tempo(Caption caption) {
        String value = caption.attributes().get("bpm");
        if (value == null) {
            return Double.NaN;
        }
        try {
            double bpm = Double.parseDouble(value.strip());
            return bpm >= BeatClock.MIN_BPM && bpm <= BeatClock.MAX_BPM ? bpm : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static LibraryScan assemble(Manifest manifest, Map<String, List<float[]>> segmentsByPath) {
        List<Segment> training = new ArrayList<>();
        List<Segment> validation = new ArrayList<>();
        double hopSeconds = (double) manifest.config().hopSamples() / manifest.config().sampleRate(); // as cut
        for (TrackEntry t : manifest.tracks()) {
            List<Segment> target = t.split() == Split.VALIDATION ? validation : training;
            double bpm = tempo(t.caption());
            List<float[]> cut = segmentsByPath.get(t.relativePath());
            for (int i = 0; i < cut.size(); i++) {
                target.add(new Segment(t.contentHash(), cut.get(i), t.caption().text(), i * hopSeconds, bpm));
            }
        }
        return new LibraryScan(manifest, training, validation);
    }

    private static Path libraryRoot(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        return folder.toRealPath();
    }

    /** A decoded, prepared track. */
    private record Decoded(String hash, long size, AudioClip clip, TrackPreparation.Prepared prepared) {}

    /** Control flow for a file that cannot be used; carries what the manifest lists. */
    private static final class Skip extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SkippedFile skipped;

        Skip(SkippedFile skipped) {
            super(skipped.reason(), null, false, false);
            this.skipped = skipped;
        }
    }

    private static Decoded decode(Path file, String relative, LibraryConfig config) throws Skip {
        String name = FolderListing.name(file);
        long size = sizeOrUnknown(file);
        if (size > MAX_FILE_BYTES) {
            throw new Skip(new SkippedFile(relative, size, SkipKind.UNSUPPORTED, name + ": the file is too large to load ("
                    + size / (1 << 20) + " MiB); split it into shorter files"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file); // opens for reading only
        } catch (IOException e) {
            throw new Skip(new SkippedFile(relative, size, SkipKind.UNREADABLE, name + ": cannot be read ("
                    + FolderListing.describe(e) + ")"));
        }
        String hash = sha256(bytes);
        AudioClip clip;
        try {
            clip = AudioReader.decode(file, bytes);
        } catch (AudioFormatException e) {
            throw new Skip(new SkippedFile(relative, bytes.length, SkipKind.of(e.kind()), e.getMessage()));
        }
        if (clip.durationSeconds() < config.minTrackSeconds()) {
            throw new Skip(new SkippedFile(relative, bytes.length, SkipKind.TOO_SHORT, String.format(Locale.ROOT,
                    "%s: too short (%.2f s); tracks shorter than %.2f s are not used", name, clip.durationSeconds(),
                    config.minTrackSeconds())));
        }
        return new Decoded(hash, bytes.length, clip, TrackPreparation.prepare(clip, config));
    }

    private static long sizeOrUnknown(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
