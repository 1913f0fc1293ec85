package studio.codebook.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.ui.common.CurrentThreadTaskExecutor;
import studio.codebook.ui.common.RecordingPlayback;

class LibraryViewModelTest {

    @TempDir
    Path folder;

    private ClipLibrary library;
    private final ObjectProperty<Path> selectedClip = new SimpleObjectProperty<>();
    private final List<ClipRecord> regenerated = new ArrayList<>();
    private final RecordingPlayback playback = new RecordingPlayback(true, "no device here");
    private LibraryViewModel model;
    private Path piano;
    private Path techno;

    @BeforeEach
    void setUp() throws IOException {
        library = new ClipLibrary(folder);
        piano = library.save(ClipLibraryTest.tone(0.25), ClipLibraryTest.record("calm piano", 11, "tiny",
                "2026-11-20T10:00:00Z"));
        techno = library.save(ClipLibraryTest.tone(0.25), ClipLibraryTest.record("driving techno", 22, "default",
                "2026-11-21T10:00:00Z"));
        model = new LibraryViewModel(library, new CurrentThreadTaskExecutor(), playback, selectedClip,
                regenerated::add, Runnable::run);
        model.refresh();
    }

    @Test
    void listsTheClipsAndTheirModelsAndFilters() {
        assertEquals(List.of(techno, piano), model.shown().stream().map(LibraryClip::wav).toList());
        assertEquals(List.of(LibraryViewModel.ALL_MODELS, "default", "tiny"), model.models());
        assertTrue(model.message().get().startsWith("2 clips"), model.message().get());
        model.search().set("piano");
        assertEquals(List.of(piano), model.shown().stream().map(LibraryClip::wav).toList());
        model.search().set("");
        model.model().set("default");
        assertEquals(List.of(techno), model.shown().stream().map(LibraryClip::wav).toList());
        model.model().set(LibraryViewModel.ALL_MODELS);
        assertEquals(2, model.shown().size());
    }

    @Test
    void selectingSetsTheStudiosSelectedClipAndSurvivesARefresh() {
        model.selected().set(model.shown().get(1));
        assertEquals(piano, selectedClip.get());
        model.refresh();
        assertEquals(piano, model.selected().get().wav());
    }

    @Test
    void aNewClipSavedElsewhereAppears() throws IOException {
        library.save(ClipLibraryTest.tone(0.1), ClipLibraryTest.record("new one", 3, "tiny", "2026-11-22T10:00:00Z"));
        assertEquals("new one", model.shown().get(0).prompt());
    }

    @Test
    void regenerateHandsTheRecordOnOrSaysWhyNot() throws IOException {
        assertTrue(model.regenerate(model.shown().get(0)));
        assertEquals(22, regenerated.get(0).seed());
        assertEquals("driving techno", regenerated.get(0).params().prompt());
        Files.writeString(ClipLibrary.sidecarOf(piano), "garbage");
        model.refresh();
        LibraryClip broken = model.shown().stream().filter(c -> c.wav().equals(piano)).findFirst().orElseThrow();
        assertFalse(model.regenerate(broken));
        assertEquals(1, regenerated.size());
        assertTrue(model.message().get().contains("cannot be regenerated"), model.message().get());
    }

    @Test
    void playReadsTheWavAndPlaysItThenPausesOnASecondPress() {
        LibraryClip clip = model.shown().get(0);
        model.selected().set(clip);
        assertFalse(model.selectedIsPlaying().get());
        model.play(clip);
        assertTrue(model.selectedIsPlaying().get());
        assertEquals(4000, playback.last().samples().length);
        assertEquals(16_000, playback.last().sampleRate());
        assertTrue(playback.playing().get());
        model.play(clip);
        assertFalse(playback.playing().get(), "paused");
        assertFalse(model.selectedIsPlaying().get());
    }

    @Test
    void deleteRemovesTheFilesTheRowAndTheSelection() {
        LibraryClip clip = model.shown().get(0);
        model.selected().set(clip);
        model.delete(clip);
        assertFalse(Files.exists(techno));
        assertFalse(Files.exists(ClipLibrary.sidecarOf(techno)));
        assertEquals(List.of(piano), model.shown().stream().map(LibraryClip::wav).toList());
        assertNull(selectedClip.get());
    }

    @Test
    void withoutAnAudioDeviceTheReasonIsShown() {
        playback.setAvailable(false);
        model.play(model.shown().get(0));
        assertNull(playback.last());
        assertEquals("no device here", model.message().get());
    }

}
