package studio.codebook.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GenerationParams;

class ClipLibraryTest {

    @TempDir
    Path folder;

    /** A clip record as Generate writes it. */
    static ClipRecord record(String prompt, long seed, String model, String createdAt) {
        GenerationParams params = GenerationParams.defaults(prompt, seed).withDuration(0.5);
        return new ClipRecord("ignored.wav", createdAt, "Codebook Studio test", params, 0, seed, model, "abc123",
                null, 0, 0.5, 16_000, new ClipRecord.Timings(1, 2, 3, 25, 100));
    }

    static AudioClip tone(double seconds) {
        float[] s = new float[(int) (16_000 * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return AudioClip.mono(s, 16_000);
    }

    @Test
    void savesTheWavAndItsSidecarAndListsNewestFirst() throws IOException {
        ClipLibrary library = new ClipLibrary(folder.resolve("clips"));
        assertTrue(library.list().isEmpty(), "a missing folder is an empty library");
        List<Path> heard = new ArrayList<>();
        library.addListener(heard::add);
        Path older = library.save(tone(0.5), record("calm piano", 1, "tiny", "2026-11-20T10:00:00Z"));
        Path newer = library.save(tone(0.5), record("Funky bass & drums!", 2, "tiny", "2026-11-21T10:00:00Z"));
        assertEquals(List.of(older, newer), heard);
        assertEquals("20261121-100000-funky-bass-drums-2.wav", newer.getFileName().toString());
        assertTrue(Files.isRegularFile(ClipLibrary.sidecarOf(newer)));
        assertEquals(newer.getFileName().toString(), ClipRecord.read(ClipLibrary.sidecarOf(newer)).file());
        assertEquals(8000, AudioReader.read(newer).numFrames());

        List<LibraryClip> clips = library.list();
        assertEquals(List.of(newer, older), clips.stream().map(LibraryClip::wav).toList());
        LibraryClip top = clips.get(0);
        assertEquals("Funky bass & drums!", top.prompt());
        assertEquals(2L, top.seed());
        assertEquals("tiny", top.modelId());
        assertEquals(0.5, top.durationSeconds());
        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), top.created());
        assertEquals(String.format(java.util.Locale.ROOT, "top-k 250 · temp 0.70 · cfg %.1f", GenerationParams.DEFAULT_CFG_SCALE),
                top.paramsSummary());
        assertNull(top.warning());
    }

    @Test
    void theSameNameTwiceGetsANumber() throws IOException {
        ClipLibrary library = new ClipLibrary(folder);
        Path a = library.save(tone(0.1), record("x", 5, "m", "2026-11-20T10:00:00Z"));
        Path b = library.save(tone(0.1), record("x", 5, "m", "2026-11-20T10:00:00Z"));
        assertEquals("20261120-100000-x-5-2.wav", b.getFileName().toString());
        assertFalse(a.equals(b));
        assertEquals(2, library.list().size());
    }

    @Test
    void searchMatchesAllWordsTheModelAndTheDates() throws IOException {
        ClipLibrary library = new ClipLibrary(folder);
        library.save(tone(0.1), record("calm piano in D minor", 1, "tiny", "2026-11-20T10:00:00Z"));
        library.save(tone(0.1), record("upbeat house piano", 2, "default", "2026-11-22T10:00:00Z"));
        library.save(tone(0.1), record("techno", 3, "default", "2026-11-24T10:00:00Z"));
        assertEquals(2, library.search(new ClipQuery("PIANO", null, null, null)).size());
        assertEquals(1, library.search(new ClipQuery("piano house", null, null, null)).size());
        assertEquals(1, library.search(new ClipQuery("piano", "tiny", null, null)).size());
        assertEquals(2, library.search(new ClipQuery("", "default", null, null)).size());
        LocalDate day22 = LocalDate.ofInstant(Instant.parse("2026-11-22T10:00:00Z"), ZoneId.systemDefault());
        assertEquals(List.of("techno", "upbeat house piano"),
                library.search(new ClipQuery("", null, day22, null)).stream().map(LibraryClip::prompt).toList());
        assertEquals(List.of("upbeat house piano"),
                library.search(new ClipQuery(" ", null, day22, day22)).stream().map(LibraryClip::prompt).toList());
        assertEquals(3, library.search(ClipQuery.ALL).size());
    }

    @Test
    void aCorruptOrMissingSidecarIsListedWithAWarning() throws IOException {
        ClipLibrary library = new ClipLibrary(folder);
        Path good = library.save(tone(0.1), record("good", 1, "tiny", "2026-11-20T10:00:00Z"));
        Path corrupt = library.save(tone(0.1), record("corrupt", 2, "tiny", "2026-11-20T11:00:00Z"));
        Files.writeString(ClipLibrary.sidecarOf(corrupt), "{\"file\": [");
        Path bare = folder.resolve("dropped-in.wav");
        Files.copy(good, bare);
        List<LibraryClip> clips = library.list();
        assertEquals(3, clips.size());
        LibraryClip broken = clips.stream().filter(c -> c.wav().equals(corrupt)).findFirst().orElseThrow();
        assertNull(broken.record());
        assertNotNull(broken.warning());
        assertTrue(broken.warning().contains("unreadable"), broken.warning());
        LibraryClip noSidecar = clips.stream().filter(c -> c.wav().equals(bare)).findFirst().orElseThrow();
        assertTrue(noSidecar.warning().contains("missing"), noSidecar.warning());
        assertEquals("", noSidecar.paramsSummary());
        assertTrue(new ClipQuery("dropped", null, null, null).matches(noSidecar), "file names are searched");
    }

    @Test
    void deleteRemovesBothFilesAndOnlyInsideTheLibrary() throws IOException {
        ClipLibrary library = new ClipLibrary(folder.resolve("clips"));
        Path wav = library.save(tone(0.1), record("bye", 1, "tiny", "2026-11-20T10:00:00Z"));
        LibraryClip clip = library.list().get(0);
        library.delete(clip);
        assertFalse(Files.exists(wav));
        assertFalse(Files.exists(ClipLibrary.sidecarOf(wav)));
        assertTrue(library.list().isEmpty());

        Path outside = folder.resolve("outside.wav");
        Files.writeString(outside, "x");
        assertThrows(IOException.class, () -> library.delete(new LibraryClip(outside, null, null, Instant.now())));
        assertTrue(Files.exists(outside));
    }
}
