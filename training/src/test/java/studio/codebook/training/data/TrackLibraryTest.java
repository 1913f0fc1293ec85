package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.Loudness;

/** One mixed folder (every format, nested, with broken and unrelated files), scanned once. */
class TrackLibraryTest {

    private static final LibraryConfig CONFIG = new LibraryConfig(16_000, 5.0, 5.0, 1.0, 0.1, -16, -1, 42);

    @TempDir
    static Path temp;
    static Path library;
    static Map<String, String> before;
    static LibraryScan scan;
    static List<Integer> progressIndexes = new ArrayList<>();
    static int progressTotal;
    static double scanSeconds;

    @BeforeAll
    static void scanMixedFolder() throws IOException {
        library = Files.createDirectories(temp.resolve("My Tracks"));
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        TestFiles.stereoWav(library.resolve("a/tone.wav"), TestSignals.tone(220, 12, 44_100, 0.3),
                TestSignals.tone(330, 12, 44_100, 0.2), 44_100);
        Files.writeString(library.resolve("a/tone.txt"), "  warm sine pad  \n");
        TestFiles.encoded(library.resolve("a/b/chords.flac"), TestSignals.cMajorProgression(12, 22_050), 22_050, scratch);
        TestFiles.encoded(library.resolve("c/Drums.MP3"), TestSignals.drumLoop(120, 12, 44_100, 5), 44_100, scratch);
        TestFiles.encoded(library.resolve("c/d/noise.ogg"), TestSignals.noise(12, 48_000, 0.2, 9), 48_000, scratch);
        TestFiles.wav(library.resolve("padded.wav"), TestSignals.tone(440, 3, 16_000, 0.3), 16_000);
        TestFiles.wav(library.resolve("short.wav"), TestSignals.tone(440, 0.5, 16_000, 0.3), 16_000);
        byte[] random = new byte[20_000];
        new Random(3).nextBytes(random);
        Files.write(library.resolve("corrupt.wav"), random);
        byte[] mp3 = Files.readAllBytes(TestFiles.encoded(scratch.resolve("whole.mp3"),
                TestSignals.tone(330, 6, 44_100, 0.3), 44_100, scratch));
        Files.write(library.resolve("c/truncated.mp3"), Arrays.copyOf(mp3, mp3.length / 2 + 7));
        Files.write(library.resolve("take1.mp3"), Files.readAllBytes(library.resolve("short.wav")));
        Files.write(library.resolve("empty.ogg"), new byte[0]);
        Files.writeString(library.resolve("notes.txt"), "mix notes: more bass");
        Files.write(library.resolve("a/liner notes.pdf"), "%PDF-1.4\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        before = TestFiles.fingerprint(library);

        long start = System.nanoTime();
        scan = TrackLibrary.scan(library, CONFIG, new ScanListener() {
            @Override
            public void progress(int index, int total, Path file) {
                progressIndexes.add(index);
                progressTotal = total;
            }
        });
        scanSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("scan of the mixed test folder (%d files, %.0f s of audio): %.2f s%n", progressTotal,
                scan.manifest().tracks().stream().mapToDouble(TrackEntry::durationSeconds).sum(), scanSeconds);
    }

    @Test
    void everySkippedFileIsListedWithItsKind() {
        Map<String, SkipKind> kinds = scan.manifest().skipped().stream()
                .collect(Collectors.toMap(SkippedFile::relativePath, SkippedFile::kind));
        assertEquals(Map.of(
                "corrupt.wav", SkipKind.NOT_AUDIO,
                "c/truncated.mp3", SkipKind.TRUNCATED,
                "take1.mp3", SkipKind.MISLABELLED,
                "empty.ogg", SkipKind.EMPTY,
                "short.wav", SkipKind.TOO_SHORT,
                "notes.txt", SkipKind.NOT_AUDIO,
                "a/liner notes.pdf", SkipKind.NOT_AUDIO), kinds);
        for (SkippedFile s : scan.manifest().skipped()) {
            String name = Path.of(s.relativePath()).getFileName().toString();
            assertTrue(s.reason().startsWith(name + ": "), "the reason names the file: " + s.reason());
        }
        assertTrue(reason("take1.mp3").contains("rename it to .wav"), reason("take1.mp3"));
        assertTrue(reason("short.wav").contains("too short (0.50 s)"), reason("short.wav"));
        assertTrue(reason("c/truncated.mp3").contains("cut short"), reason("c/truncated.mp3"));
    }

    @Test
    void usableTracksAreDecodedAsTheyAre() {
        List<TrackEntry> tracks = scan.manifest().tracks();
        assertEquals(List.of("a/b/chords.flac", "a/tone.wav", "c/Drums.MP3", "c/d/noise.ogg", "padded.wav"),
                tracks.stream().map(TrackEntry::relativePath).toList());
        TrackEntry tone = scan.manifest().track("a/tone.wav").orElseThrow();
        assertEquals(44_100, tone.sampleRate());
        assertEquals(2, tone.channels());
        assertEquals(12.0, tone.durationSeconds(), 1e-6);
        assertEquals(2, tone.segmentCount(), "12 s in 5 s segments: the 2 s tail is dropped");
        TrackEntry chords = scan.manifest().track("a/b/chords.flac").orElseThrow();
        assertEquals(22_050, chords.sampleRate());
        assertEquals(1, chords.channels());
        assertEquals(48_000, scan.manifest().track("c/d/noise.ogg").orElseThrow().sampleRate());
        assertEquals(12.0, scan.manifest().track("c/Drums.MP3").orElseThrow().durationSeconds(), 0.05);
        assertEquals(1, scan.manifest().track("padded.wav").orElseThrow().segmentCount());
        for (TrackEntry t : tracks) {
            assertEquals(t.contentHash(), TrackLibrary.sha256(readUnchecked(library.resolve(t.relativePath()))));
            assertEquals(sizeUnchecked(library.resolve(t.relativePath())), t.sizeBytes());
        }
    }

    @Test
    void segmentsHaveExactlySegmentSecondsAtTheTargetLoudness() {
        List<Segment> all = new ArrayList<>(scan.training());
        all.addAll(scan.validation());
        assertEquals(scan.manifest().tracks().stream().mapToInt(TrackEntry::segmentCount).sum(), all.size());
        Map<String, String> pathById = scan.manifest().tracks().stream()
                .collect(Collectors.toMap(TrackEntry::contentHash, TrackEntry::relativePath));
        int measured = 0;
        for (Segment s : all) {
            assertEquals(5 * 16_000, s.samples().length);
            String path = pathById.get(s.trackId());
            AudioClip clip = AudioClip.mono(s.samples(), 16_000);
            assertTrue(Loudness.peakDbfs(clip) <= -1 + 1e-3, path + " peaks above the ceiling");
            if (Set.of("a/tone.wav", "a/b/chords.flac", "c/d/noise.ogg").contains(path)) {
                assertEquals(-16, Loudness.integratedLufs(clip), 1.0, path);
                measured++;
            }
        }
        assertEquals(6, measured);
    }

    @Test
    void aTrackShorterThanASegmentIsZeroPadded() {
        String id = scan.manifest().track("padded.wav").orElseThrow().contentHash();
        Segment padded = findSegments(id).get(0);
        float[] tail = Arrays.copyOfRange(padded.samples(), 3 * 16_000 + 10, padded.samples().length);
        assertArrayEquals(new float[tail.length], tail);
        assertTrue(Math.abs(padded.samples()[16_000]) > 0 || Math.abs(padded.samples()[16_001]) > 0);
    }

    @Test
    void segmentsCarryTheirTracksCaption() {
        String id = scan.manifest().track("a/tone.wav").orElseThrow().contentHash();
        for (Segment s : findSegments(id)) {
            assertEquals("warm sine pad", s.caption());
        }
        assertEquals(CaptionSource.SIDECAR_TXT, scan.manifest().track("a/tone.wav").orElseThrow().caption().source());
    }

    @Test
    void segmentsKnowWhereInTheTrackTheyStartAndTheTracksTempo() {
        TrackEntry drums = scan.manifest().track("c/Drums.MP3").orElseThrow();
        List<Segment> loop = findSegments(drums.contentHash());
        assertEquals(2, loop.size(), "12 s in 5-s segments");
        assertEquals(0.0, loop.get(0).startSeconds());
        assertEquals(5.0, loop.get(1).startSeconds());
        // no sidecar: the analysis measured the 120-BPM loop, and the LM's beat clock may use it
        assertEquals(Double.parseDouble(drums.caption().attributes().get("bpm")), loop.get(0).bpm());
        assertEquals(120, loop.get(0).bpm(), 120 * 0.05);
        // a plain-text sidecar names no tempo
        for (Segment s : findSegments(scan.manifest().track("a/tone.wav").orElseThrow().contentHash())) {
            assertFalse(s.hasTempo());
        }
        assertEquals(128, TrackLibrary.tempo(new Caption("techno", CaptionSource.SIDECAR_JSON, Map.of("bpm", "128"))));
        assertTrue(Double.isNaN(TrackLibrary.tempo(new Caption("x", CaptionSource.SIDECAR_JSON, Map.of("bpm", "fast")))));
        assertTrue(Double.isNaN(TrackLibrary.tempo(new Caption("x", CaptionSource.SIDECAR_JSON, Map.of("bpm", "900")))));
        assertTrue(Double.isNaN(TrackLibrary.tempo(new Caption("x", CaptionSource.SIDECAR_JSON, Map.of()))));
    }

    @Test
    void theUsersFolderIsByteIdenticalAfterTheScan() throws IOException {
        assertEquals(before, TestFiles.fingerprint(library));
    }

    @Test
    void splitIsByTrackWithAtLeastOneValidationTrack() {
        Set<String> training = scan.training().stream().map(Segment::trackId).collect(Collectors.toSet());
        Set<String> validation = scan.validation().stream().map(Segment::trackId).collect(Collectors.toSet());
        assertFalse(validation.isEmpty());
        assertFalse(training.isEmpty());
        Set<String> both = new HashSet<>(training);
        both.retainAll(validation);
        assertEquals(Set.of(), both);
        for (TrackEntry t : scan.manifest().tracks()) {
            assertEquals(t.split() == Split.VALIDATION, validation.contains(t.contentHash()), t.relativePath());
        }
    }

    @Test
    void progressIsReportedForEveryFileInOrder() {
        assertEquals(before.keySet().stream().filter(k -> !k.endsWith("/")).count(), progressTotal);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < progressTotal; i++) {
            expected.add(i);
        }
        assertEquals(expected, progressIndexes);
    }

    @Test
    void cancellingMidScanStopsCleanly() throws IOException {
        List<Path> seen = new ArrayList<>();
        ScanListener cancelAfterThree = new ScanListener() {
            @Override
            public void progress(int index, int total, Path file) {
                seen.add(file);
            }

            @Override
            public boolean cancelled() {
                return seen.size() >= 3;
            }
        };
        CancellationException e = assertThrows(CancellationException.class,
                () -> TrackLibrary.scan(library, CONFIG, cancelAfterThree));
        assertEquals(3, seen.size(), "no file is started after the cancel");
        assertTrue(e.getMessage().contains("after 3 of"), e.getMessage());
        assertEquals(before, TestFiles.fingerprint(library));
    }

    @Test
    void linksAreNotFollowedOutOfTheFolder(@TempDir Path other) throws IOException {
        Path outside = TestFiles.wav(other.resolve("elsewhere/secret.wav"), TestSignals.tone(500, 6, 16_000, 0.3), 16_000);
        Path lib = Files.createDirectories(other.resolve("lib"));
        TestFiles.wav(lib.resolve("mine.wav"), TestSignals.tone(300, 6, 16_000, 0.3), 16_000);
        try {
            Files.createSymbolicLink(lib.resolve("linked.wav"), outside);
            Files.createSymbolicLink(lib.resolve("linked-folder"), outside.getParent());
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symbolic links are not available here: " + e);
        }
        LibraryScan s = TrackLibrary.scan(lib, CONFIG, ScanListener.NONE);
        assertEquals(List.of("mine.wav"), s.manifest().tracks().stream().map(TrackEntry::relativePath).toList());
        assertEquals(Map.of("linked.wav", SkipKind.UNREADABLE, "linked-folder", SkipKind.UNREADABLE),
                s.manifest().skipped().stream().collect(Collectors.toMap(SkippedFile::relativePath, SkippedFile::kind)));
    }

    @Test
    void overlappingHopsGiveMoreSegmentsAndDropTheTail() {
        LibraryConfig overlapping = new LibraryConfig(16_000, 5.0, 2.5, 1.0, 0.1, -16, -1, 42);
        float[] twelveSeconds = new float[12 * 16_000];
        for (int i = 0; i < twelveSeconds.length; i++) {
            twelveSeconds[i] = i;
        }
        List<float[]> segments = TrackPreparation.cut(twelveSeconds, overlapping);
        assertEquals(3, segments.size(), "starts at 0, 2.5 and 5 s; one at 7.5 s would run past the end");
        assertEquals(2.5f * 16_000, segments.get(1)[0]);
    }

    @Test
    void aNamedPipeIsSkippedWithoutBeingOpened(@TempDir Path other) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestFiles.onPath("mkfifo"), "mkfifo is not installed");
        Path lib = Files.createDirectories(other.resolve("lib"));
        TestFiles.wav(lib.resolve("mine.wav"), TestSignals.tone(300, 6, 16_000, 0.3), 16_000);
        TestFiles.run(List.of("mkfifo", lib.resolve("pipe.wav").toString()));
        LibraryScan s = TrackLibrary.scan(lib, CONFIG, ScanListener.NONE); // would block forever if it read the pipe
        assertEquals(1, s.manifest().tracks().size());
        assertEquals(List.of(new SkippedFile("pipe.wav", -1, SkipKind.UNREADABLE, "pipe.wav: not a regular file")),
                s.manifest().skipped());
    }

    @Test
    void configRejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(100, 5, 5, 1, 0.1, -16, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, 0, 5, 1, 0.1, -16, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, 5, 0, 1, 0.1, -16, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, 5, 5, 6, 0.1, -16, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, 5, 5, 1, 0.9, -16, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, 5, 5, 1, 0.1, 3, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, 5, 5, 1, 0.1, -16, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new LibraryConfig(16_000, Double.NaN, 5, 1, 0.1, -16, -1, 0));
        assertEquals(80_000, LibraryConfig.defaults().segmentSamples());
    }

    @Test
    void aMissingFolderIsAnError(@TempDir Path other) {
        assertThrows(IOException.class, () -> TrackLibrary.scan(other.resolve("nope"), CONFIG, ScanListener.NONE));
    }

    private static List<Segment> findSegments(String trackId) {
        List<Segment> all = new ArrayList<>(scan.training());
        all.addAll(scan.validation());
        return all.stream().filter(s -> s.trackId().equals(trackId)).toList();
    }

    private static String reason(String path) {
        return scan.manifest().skipped().stream().filter(s -> s.relativePath().equals(path)).findFirst()
                .orElseThrow().reason();
    }

    private static byte[] readUnchecked(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long sizeUnchecked(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
