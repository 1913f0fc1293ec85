package studio.codebook.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.stats.CodebookStatistics;
import studio.codebook.ui.common.CurrentThreadTaskExecutor;
import studio.codebook.ui.controls.TimeSpan;
import studio.codebook.ui.controls.TokenGrid;
import studio.codebook.ui.common.RecordingPlayback;

class InspectViewModelTest {

    private static MusicModel model;
    private static MusicModel other;

    @TempDir
    Path dir;

    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final SimpleObjectProperty<MusicModel> current = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Path> selected = new SimpleObjectProperty<>();
    private final RecordingPlayback playback = new RecordingPlayback(true);
    private InspectViewModel vm;
    private Path clip;

    @BeforeAll
    static void models() throws Exception {
        model = InspectFixtures.tinyModel(3);
        other = InspectFixtures.tinyModel(4);
    }

    @AfterAll
    static void close() {
        model.close();
        other.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        current.set(model);
        clip = InspectFixtures.writeClip(dir.resolve("clip.wav"), 1.5, 0);
        vm = new InspectViewModel(executor, current, selected, playback);
    }

    @Test
    void selectingAClipGivesOneRowPerCodebookOfTheClipsFrames() {
        selected.set(clip);
        EncodedClip encoded = vm.encodedProperty().get();
        assertNotNull(encoded, vm.errorProperty().get());
        int frames = (int) Math.ceil(1.5 * 16_000 / model.codec().hopLength());
        int[][] rows = vm.rows();
        assertEquals(model.codec().numCodebooks(), rows.length);
        for (int[] row : rows) {
            assertEquals(frames, row.length);
            assertTrue(Arrays.stream(row).allMatch(id -> id >= 0 && id < model.codec().codebookSize()));
        }
        assertEquals(frames, encoded.numFrames());
        assertEquals(4, vm.numCodebooksProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.statusProperty().get().contains("4 codebooks × 75 frames"), vm.statusProperty().get());
        // the codes are the model's codes of that audio
        assertArrayEquals(model.codec().encode(readQuietly(clip)).codes(), encoded.codes());
    }

    @Test
    void theDelayLayoutShiftsCodebookKByKFrames() {
        vm.open(clip);
        int[][] raw = vm.rows();
        vm.delayLayoutProperty().set(true);
        TokenGrid grid = vm.gridProperty().get();
        assertTrue(grid.shifted());
        int[][] delayed = vm.rows();
        int k = raw.length;
        int frames = raw[0].length;
        for (int q = 0; q < k; q++) {
            assertEquals(frames + k - 1, delayed[q].length);
            for (int c = 0; c < delayed[q].length; c++) {
                int t = c - q;
                assertEquals(t >= 0 && t < frames ? raw[q][t] : -1, delayed[q][c], "codebook " + q + ", column " + c);
            }
        }
        vm.delayLayoutProperty().set(false);
        assertArrayEquals(raw, vm.rows());
    }

    @Test
    void usageStatisticsCountEveryFrame() {
        vm.open(clip);
        EncodedClip encoded = vm.encodedProperty().get();
        assertEquals(4, encoded.usage().size());
        for (CodebookStatistics s : encoded.usage()) {
            assertEquals(encoded.numFrames(), Arrays.stream(s.counts()).sum());
            assertEquals(Math.pow(2, s.entropyBits()), s.perplexity(), 1e-9);
            assertTrue(s.usedEntries() >= 2, "the initialised codebooks should use several entries");
        }
    }

    @Test
    void decodingFromTheFirstKCodebooksGivesAudioOfTheClipsLength() {
        vm.open(clip);
        vm.decodeCodebooksProperty().set(1);
        vm.decode();
        DecodedAudio one = vm.decodedProperty().get();
        assertNotNull(one, vm.errorProperty().get());
        assertEquals(1, one.codebooks());
        assertEquals(16_000, one.sampleRate());
        assertEquals(24_000, one.samples().length);
        vm.decodeCodebooksProperty().set(4);
        assertNull(vm.decodedProperty().get(), "a decode for another k is dropped");
        vm.decode();
        DecodedAudio four = vm.decodedProperty().get();
        assertEquals(24_000, four.samples().length);
        assertFalse(Arrays.equals(one.samples(), four.samples()), "more codebooks must change the audio");
    }

    @Test
    void theSpinnerIsClampedToTheClipsCodebooks() {
        vm.decodeCodebooksProperty().set(9);
        vm.open(clip);
        assertEquals(4, vm.decodeCodebooksProperty().get());
    }

    @Test
    void listeningPlaysTheSelectionOfEitherSideAndAbKeepsThePosition() {
        vm.open(clip);
        vm.selectionProperty().set(new TimeSpan(0.5, 1.0));
        vm.loopProperty().set(true);
        vm.listenOriginal();
        RecordingPlayback.Request a = playback.last();
        assertEquals(16_000, a.sampleRate());
        assertEquals(24_000, a.samples().length);
        assertEquals(0.5, a.start(), 1e-9);
        assertEquals(1.0, a.end(), 1e-9);
        assertTrue(a.loop());
        assertTrue(vm.playingProperty().get());

        playback.advanceTo(0.75);
        vm.switchAB();
        RecordingPlayback.Request b = playback.last();
        assertEquals(Listening.DECODED, vm.listeningProperty().get());
        assertSame(vm.decodedProperty().get().samples(), b.samples());
        assertEquals(0.75, b.start(), 1e-9, "B continues where A was");
        assertEquals(1.0, b.end(), 1e-9);

        vm.stop();
        assertFalse(vm.playingProperty().get());
        vm.switchAB();
        assertEquals(Listening.ORIGINAL, vm.listeningProperty().get());
        assertEquals(2, playback.requests.size(), "switching while stopped only changes the side");
    }

    @Test
    void withoutAudioOutputNothingPlaysButDecodingWorks() {
        RecordingPlayback silent = new RecordingPlayback(false);
        InspectViewModel quiet = new InspectViewModel(executor, current, selected, silent);
        quiet.open(clip);
        quiet.listenDecoded();
        assertTrue(silent.requests.isEmpty());
        assertNotNull(quiet.decodedProperty().get());
        assertTrue(quiet.statusProperty().get().startsWith("No audio output"), quiet.statusProperty().get());
        assertFalse(quiet.playbackAvailable());
    }

    @Test
    void anUnreadableFileGivesAMessageAndKeepsNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("broken.wav"), "not a wav at all");
        vm.open(bad);
        assertNull(vm.encodedProperty().get());
        assertTrue(vm.errorProperty().get().contains("broken.wav"), vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aCancelledEncodeLeavesTheViewAsItWas() {
        executor.cancelNext();
        vm.open(clip);
        assertNull(vm.encodedProperty().get());
        assertEquals("Encoding cancelled", vm.statusProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void anotherModelReencodesTheClip() {
        vm.open(clip);
        int[][] first = vm.encodedProperty().get().codes();
        current.set(other);
        EncodedClip again = vm.encodedProperty().get();
        assertEquals("tiny-4", again.modelId());
        assertFalse(Arrays.deepEquals(first, again.codes()), "another model gives other codes");
        current.set(null);
        assertNull(vm.encodedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("No model loaded"));
    }

    private static studio.codebook.engine.audio.AudioClip readQuietly(Path p) {
        try {
            return AudioReader.read(p);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
