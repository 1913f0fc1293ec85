package studio.codebook.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caption priority: sidecar .txt, then .json, then tags, then analysis; each scanned through the library. */
class TrackCaptionsTest {

    private static final LibraryConfig CONFIG = new LibraryConfig(16_000, 5.0, 5.0, 1.0, 0.1, -16, -1, 1);
    private static final String[] JAZZ_TAGS = {"--tt", "Blue Room", "--ta", "Ann Example", "--tg", "Jazz"};

    @TempDir
    static Path temp;
    static Path library;
    static Path scratch;
    static Manifest manifest;

    @BeforeAll
    static void scanCaptionFolder() throws IOException {
        library = Files.createDirectories(temp.resolve("lib"));
        scratch = Files.createDirectories(temp.resolve("scratch"));
        float[] music = TestSignals.cMajorProgression(8, 44_100);
        TestFiles.encoded(library.resolve("tagged.mp3"), music, 44_100, scratch, JAZZ_TAGS);
        TestFiles.encoded(library.resolve("tagged.flac"), music, 44_100, scratch, "-T", "TITLE=Night Drive",
                "-T", "ARTIST=Ann Example", "-T", "GENRE=Synthwave", "-T", "BPM=118", "-T", "KEY=F#m");
        TestFiles.encoded(library.resolve("withTxt.mp3"), music, 44_100, scratch, JAZZ_TAGS);
        Files.writeString(library.resolve("withTxt.txt"), "\uFEFF  solo piano, rainy evening \n\n");
        TestFiles.encoded(library.resolve("withJson.mp3"), music, 44_100, scratch, JAZZ_TAGS);
        Files.writeString(library.resolve("withJson.json"),
                "{\"caption\": \"lo-fi beat with vinyl crackle\", \"mood\": \"calm\", \"bpm\": 84, \"tags\": [\"x\"]}");
        TestFiles.wav(library.resolve("described.wav"), music, 44_100);
        Files.writeString(library.resolve("described.json"), "{\"description\": \"ambient drone\"}");
        TestFiles.encoded(library.resolve("both.mp3"), music, 44_100, scratch, JAZZ_TAGS);
        Files.writeString(library.resolve("both.txt"), "from the txt");
        Files.writeString(library.resolve("both.json"), "{\"caption\": \"from the json\"}");
        TestFiles.encoded(library.resolve("badJson.mp3"), music, 44_100, scratch, JAZZ_TAGS);
        Files.writeString(library.resolve("badJson.json"), "{\"caption\": \"unterminated");
        TestFiles.wav(library.resolve("emptyTxt.wav"), TestSignals.aMinorProgression(8, 16_000), 16_000);
        Files.writeString(library.resolve("emptyTxt.txt"), "   \n");
        TestFiles.wav(library.resolve("drums.wav"), TestSignals.drumLoop(120, 20, 44_100, 11), 44_100);
        TestFiles.wav(library.resolve("aminor.wav"), TestSignals.aMinorProgression(16, 22_050), 22_050);
        TestFiles.encoded(library.resolve("cmajor.ogg"), TestSignals.cMajorProgression(16, 44_100), 44_100, scratch);
        manifest = TrackLibrary.scan(library, CONFIG, ScanListener.NONE).manifest();
        assertEquals(List.of(), manifest.skipped(), "every file here is a track or a sidecar");
    }

    @Test
    void txtSidecarWinsOverEverything() {
        assertCaption("withTxt.mp3", CaptionSource.SIDECAR_TXT, "solo piano, rainy evening");
        assertCaption("both.mp3", CaptionSource.SIDECAR_TXT, "from the txt");
    }

    @Test
    void jsonSidecarWinsOverTagsAndKeepsItsOtherFields() {
        Caption c = assertCaption("withJson.mp3", CaptionSource.SIDECAR_JSON, "lo-fi beat with vinyl crackle");
        assertEquals(Map.of("mood", "calm", "bpm", "84"), c.attributes());
        assertCaption("described.wav", CaptionSource.SIDECAR_JSON, "ambient drone");
    }

    @Test
    void anUnusableSidecarFallsThroughWithAWarning() {
        assertCaption("badJson.mp3", CaptionSource.TAGS, "jazz track 'Blue Room' by Ann Example");
        assertEquals(List.of("badJson.json is not valid JSON; the caption comes from tags or analysis"),
                entry("badJson.mp3").warnings());
        assertEquals(CaptionSource.ANALYSIS, entry("emptyTxt.wav").caption().source());
        assertEquals(List.of("emptyTxt.txt is empty; the caption comes from tags or analysis"),
                entry("emptyTxt.wav").warnings());
    }

    @Test
    void tagsWinOverAnalysis() {
        assertCaption("tagged.mp3", CaptionSource.TAGS, "jazz track 'Blue Room' by Ann Example");
        Caption flac = assertCaption("tagged.flac", CaptionSource.TAGS,
                "synthwave track 'Night Drive' by Ann Example at 118 BPM in F# minor");
        assertEquals("118", flac.attributes().get("bpm"));
    }

    @Test
    void analysisHearsTempoOfADrumLoop() {
        Caption c = entry("drums.wav").caption();
        assertEquals(CaptionSource.ANALYSIS, c.source());
        assertEquals(120, Double.parseDouble(c.attributes().get("bpm")), 2.0, c.text());
        assertTrue(c.text().matches("(dark|warm|bright), (quiet|moderate|loud) music at 1(19|20|21|22|18) BPM.*"),
                c.text());
    }

    @Test
    void analysisHearsKeyAndMode() {
        assertTrue(entry("aminor.wav").caption().text().endsWith(" in A minor"), entry("aminor.wav").caption().text());
        assertTrue(entry("cmajor.ogg").caption().text().endsWith(" in C major"), entry("cmajor.ogg").caption().text());
        assertEquals("A minor", entry("aminor.wav").caption().attributes().get("key"));
    }

    @Test
    void analysisLoudnessIsTheTracksOwnBeforeNormalisation() {
        Caption c = entry("aminor.wav").caption();
        double lufs = Double.parseDouble(c.attributes().get("loudnessLufs"));
        assertTrue(lufs < -5 && lufs > -40, "measured " + lufs);
        assertTrue(c.text().contains(lufs < -24 ? "quiet" : lufs > -14 ? "loud" : "moderate"), c.text());
    }

    @Test
    void keyTagsAreWordedAsKeys() {
        assertEquals("A minor", TrackCaptions.key("Am"));
        assertEquals("F# minor", TrackCaptions.key("F#m"));
        assertEquals("Bb major", TrackCaptions.key("Bb"));
        assertEquals("Eb minor", TrackCaptions.key("Ebm"));
        assertEquals("C major", TrackCaptions.key("C major"));
        assertEquals("8A", TrackCaptions.key("8A"), "Camelot codes are kept as written");
    }

    @Test
    void genreNumbersAndBpmTextAreCleanedUp() {
        assertEquals("Jazz", TrackCaptions.genre("(8)"));
        assertEquals("Jazz", TrackCaptions.genre("8"));
        assertEquals("Synthwave", TrackCaptions.genre("Synthwave"));
        assertEquals("120", TrackCaptions.bpm("120.4"));
        assertEquals("", TrackCaptions.bpm("fast"));
    }

    @Test
    void scanningWithTagsLeavesTheFilesUntouched() throws IOException {
        Map<String, String> before = TestFiles.fingerprint(library);
        TrackLibrary.scan(library, CONFIG, ScanListener.NONE);
        assertEquals(before, TestFiles.fingerprint(library));
    }

    private static TrackEntry entry(String path) {
        return manifest.track(path).orElseThrow(() -> new AssertionError(path + " is not a track"));
    }

    private static Caption assertCaption(String path, CaptionSource source, String text) {
        Caption c = entry(path).caption();
        assertEquals(source, c.source(), path);
        assertEquals(text, c.text(), path);
        return c;
    }
}
