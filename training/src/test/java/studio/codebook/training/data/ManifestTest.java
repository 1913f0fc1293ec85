package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    private static final LibraryConfig CONFIG = new LibraryConfig(16_000, 1.0, 1.0, 0.5, 0.2, -16, -1, 5);

    @TempDir
    Path temp;
    Path library;
    LibraryScan scan;

    @BeforeEach
    void scanSmallLibrary() throws IOException {
        library = Files.createDirectories(temp.resolve("lib"));
        TestFiles.wav(library.resolve("one.wav"), TestSignals.tone(220, 3, 16_000, 0.3), 16_000);
        TestFiles.wav(library.resolve("sub/two.wav"), TestSignals.cMajorProgression(3, 16_000), 16_000);
        TestFiles.wav(library.resolve("three.wav"), TestSignals.noise(2.5, 16_000, 0.1, 3), 16_000);
        Files.writeString(library.resolve("three.txt"), "white noise wash");
        Files.writeString(library.resolve("readme.md"), "# my tracks");
        scan = TrackLibrary.scan(library, CONFIG, ScanListener.NONE, null, clockAt("2026-11-24T10:00:00Z"));
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        Manifest m = scan.manifest();
        String json = m.toJson();
        Manifest back = Manifest.fromJson(json, "manifest.json");
        assertEquals(m, back);
        assertEquals(m.hash(), back.hash());
        assertEquals(json, back.toJson());
        assertTrue(json.contains("\"scanDate\" : \"2026-11-24T10:00:00Z\""), json);
        assertFalse(json.contains("\"hash\""), "derived values are not stored");
    }

    @Test
    void writesAtomicallyOutsideTheLibraryAndReadsBack() throws IOException {
        Path target = temp.resolve("app-data/libraries/lib.manifest.json");
        scan.manifest().write(target);
        assertEquals(scan.manifest(), Manifest.read(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void refusesToWriteInsideTheLibrary() throws IOException {
        Map<String, String> before = TestFiles.fingerprint(library);
        assertThrows(IllegalArgumentException.class, () -> scan.manifest().write(library.resolve("manifest.json")));
        assertThrows(IllegalArgumentException.class, () -> scan.manifest().write(library.resolve("sub/../x.json")));
        assertEquals(before, TestFiles.fingerprint(library));
    }

    @Test
    void hashIsStableAcrossScansAndIgnoresTheDate() throws IOException {
        LibraryScan later = TrackLibrary.scan(library, CONFIG, ScanListener.NONE, null, clockAt("2027-01-01T00:00:00Z"));
        assertNotEquals(scan.manifest().scanDate(), later.manifest().scanDate());
        assertEquals(scan.manifest().hash(), later.manifest().hash());
        assertTrue(scan.manifest().hash().matches("[0-9a-f]{64}"));
        assertNotEquals(scan.manifest().hash(),
                TrackLibrary.scan(library, CONFIG.withSeed(6), ScanListener.NONE).manifest().hash());
    }

    @Test
    void editingACaptionChangesTheHashAndTheSourceOnly() {
        Manifest m = scan.manifest();
        Manifest edited = m.withCaption("sub/two.wav", "  gentle major chords on an organ ");
        TrackEntry before = m.track("sub/two.wav").orElseThrow();
        TrackEntry after = edited.track("sub/two.wav").orElseThrow();
        assertEquals("gentle major chords on an organ", after.caption().text());
        assertEquals(CaptionSource.EDITED, after.caption().source());
        assertEquals(before.caption().attributes(), after.caption().attributes());
        assertEquals(before.split(), after.split());
        assertEquals(before.contentHash(), after.contentHash());
        assertNotEquals(m.hash(), edited.hash());
        assertEquals(m.track("one.wav"), edited.track("one.wav"));
        assertThrows(IllegalArgumentException.class, () -> m.withCaption("readme.md", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.withCaption("one.wav", "  "));
    }

    @Test
    void rebuildUsesEditedCaptionsWithoutRedecidingTheSplit() throws IOException {
        Manifest edited = scan.manifest().withCaption("one.wav", "a low hum");
        LibraryScan rebuilt = TrackLibrary.rebuild(library, edited, ScanListener.NONE);
        assertEquals(edited, rebuilt.manifest());
        assertEquals(scan.training().size(), rebuilt.training().size());
        assertEquals(scan.validation().size(), rebuilt.validation().size());
        String oneId = edited.track("one.wav").orElseThrow().contentHash();
        List<Segment> all = new java.util.ArrayList<>(rebuilt.training());
        all.addAll(rebuilt.validation());
        List<Segment> original = new java.util.ArrayList<>(scan.training());
        original.addAll(scan.validation());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(original.get(i).trackId(), all.get(i).trackId());
            assertArrayEquals(original.get(i).samples(), all.get(i).samples());
            assertEquals(all.get(i).trackId().equals(oneId) ? "a low hum" : original.get(i).caption(),
                    all.get(i).caption());
        }
    }

    @Test
    void rebuildRefusesAChangedOrMissingTrack() throws IOException {
        TestFiles.wav(library.resolve("one.wav"), TestSignals.tone(230, 3, 16_000, 0.3), 16_000);
        LibraryChangedException changed = assertThrows(LibraryChangedException.class,
                () -> TrackLibrary.rebuild(library, scan.manifest(), ScanListener.NONE));
        assertTrue(changed.getMessage().startsWith("one.wav has changed"), changed.getMessage());
        TestFiles.wav(library.resolve("one.wav"), TestSignals.tone(220, 3, 16_000, 0.3), 16_000); // as scanned
        Files.delete(library.resolve("sub/two.wav"));
        LibraryChangedException missing = assertThrows(LibraryChangedException.class,
                () -> TrackLibrary.rebuild(library, scan.manifest(), ScanListener.NONE));
        assertTrue(missing.getMessage().startsWith("sub/two.wav is no longer in"), missing.getMessage());
    }

    @Test
    void rebuildCanBeCancelled() {
        ScanListener cancelAtOnce = new ScanListener() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> TrackLibrary.rebuild(library, scan.manifest(), cancelAtOnce));
    }

    @Test
    void refusesToWriteIntoTheLibraryThroughALink() throws IOException {
        Path link = temp.resolve("shortcut");
        try {
            Files.createSymbolicLink(link, library);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("symbolic links are not available here: " + e);
        }
        assertThrows(IllegalArgumentException.class, () -> scan.manifest().write(link.resolve("manifest.json")));
        assertFalse(Files.exists(library.resolve("manifest.json")));
    }

    @Test
    void aRescanKeepsTheUsersEditedCaptions() throws IOException {
        Manifest edited = scan.manifest().withCaption("sub/two.wav", "organ chords");
        TestFiles.wav(library.resolve("four.wav"), TestSignals.tone(300, 2, 16_000, 0.3), 16_000);
        Manifest again = TrackLibrary.scan(library, CONFIG, ScanListener.NONE, edited).manifest();
        assertEquals(edited.track("sub/two.wav").orElseThrow().caption(), again.track("sub/two.wav").orElseThrow().caption());
        assertEquals(4, again.tracks().size());
    }

    @Test
    void readsStrictly() {
        String json = scan.manifest().toJson();
        assertRejected(json.replaceFirst("\\{", "{ \"extra\" : 1,"), "extra");
        assertRejected(json.replaceFirst("\"scanDate\" : \"[^\"]*\",", ""), "scanDate");
        assertRejected(json.replaceFirst("\"formatVersion\" : 1", "\"formatVersion\" : 2"), "format 2");
        assertRejected(json.replaceFirst("\"sampleRate\" : 16000", "\"sampleRate\" : 16000.5"), "");
        assertRejected(json.replaceFirst("\"split\" : \"(TRAINING|VALIDATION)\"", "\"split\" : \"BOTH\""), "");
        assertRejected(json.replaceFirst("\"contentHash\" : \"[0-9a-f]+\"", "\"contentHash\" : \"abc\""), "hash");
        assertRejected(json + "{}", "");
        assertRejected("not json", "");
    }

    private static void assertRejected(String json, String mentioned) {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.fromJson(json, "lib.json"));
        assertTrue(e.getMessage().startsWith("lib.json: not a valid library manifest"), e.getMessage());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    private static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
