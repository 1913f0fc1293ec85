package studio.codebook.ui.dependence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.model.Provenance;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.engine.stats.CodeStatistics;
import studio.codebook.training.data.Caption;
import studio.codebook.training.data.CaptionSource;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.Split;
import studio.codebook.training.data.TrackEntry;
import studio.codebook.ui.common.CurrentThreadTaskExecutor;
import studio.codebook.ui.inspect.InspectFixtures;
import studio.codebook.ui.common.RecordingPlayback;

class DependenceViewModelTest {

    private static MusicModel model;

    @TempDir
    Path dir;

    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final SimpleObjectProperty<MusicModel> current = new SimpleObjectProperty<>();
    private final SimpleObjectProperty<Path> selected = new SimpleObjectProperty<>();
    private DependenceViewModel vm;
    private Path clip;

    @BeforeAll
    static void models() throws Exception {
        model = InspectFixtures.tinyModel(3);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        current.set(model);
        clip = InspectFixtures.writeClip(dir.resolve("clip.wav"), 2.0, 0);
        vm = new DependenceViewModel(executor, current, selected, new RecordingPlayback(true));
    }

    @AfterEach
    void tearDown() {
        vm.dispose();
    }

    @Test
    void theSelectedClipFillsAKByKMatrixWhoseDiagonalIsTheEntropy() {
        selected.set(clip);
        double[][] m = vm.matrixAProperty().get();
        assertNotNull(m, vm.errorProperty().get());
        assertEquals(4, m.length);
        CodeStatistics stats = vm.corpusProperty().get().a();
        for (int k = 0; k < 4; k++) {
            assertEquals(4, m[k].length);
            assertEquals(stats.codebook(k).millerMadowEntropyBits(), m[k][k], 1e-9);
            for (int l = 0; l < 4; l++) {
                assertEquals(m[k][l], m[l][k], 1e-9, "same-frame MI is symmetric");
            }
        }
        vm.estimatorProperty().set(Estimator.PLUG_IN);
        double[][] plugIn = vm.matrixAProperty().get();
        for (int k = 0; k < 4; k++) {
            assertEquals(stats.codebook(k).entropyBits(), plugIn[k][k], 1e-9);
        }
        DependenceFigures f = vm.figuresAProperty().get();
        assertEquals(100, f.frames());
        assertNotNull(f.totalCorrelation());
        assertTrue(f.totalCorrelationText().contains("Pairwise MI sum"), f.totalCorrelationText());
        // 100 frames of 64-entry codebooks: the engine judges the MI to be mostly bias
        assertTrue(f.adequacyText().contains("values are mostly bias"), f.adequacyText());
        assertEquals("Selected clip: 1 file, 100 frames", vm.statusProperty().get());
    }

    @Test
    void theOffsetAndTheDelayAlignmentChangeTheMatrix() {
        selected.set(clip);
        double[][] same = vm.matrixAProperty().get();
        CodeStatistics stats = vm.corpusProperty().get().a();

        vm.frameOffsetProperty().set(2);
        double[][] two = vm.matrixAProperty().get();
        assertFalse(Arrays.deepEquals(same, two));
        assertTrue(Arrays.deepEquals(stats.mutualInformation(Alignment.frameOffset(2)).millerMadowBits(), two));
        assertNull(vm.figuresAProperty().get().totalCorrelation(), "no TC at a non-zero offset");

        vm.alignmentKindProperty().set(Alignment.Kind.DELAY_PATTERN);
        double[][] delay = vm.matrixAProperty().get();
        assertTrue(Arrays.deepEquals(stats.mutualInformation(Alignment.delayPattern()).millerMadowBits(), delay));
        assertFalse(Arrays.deepEquals(same, delay));
        assertNotNull(vm.figuresAProperty().get().totalCorrelation());

        vm.frameOffsetProperty().set(-1);
        assertTrue(Arrays.deepEquals(delay, vm.matrixAProperty().get()), "the offset means nothing under the delay alignment");
    }

    @Test
    void aFolderIsMeasuredAndACorruptFileIsSkippedAndReported() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("songs/sub"));
        InspectFixtures.writeClip(folder.getParent().resolve("a.wav"), 1.0, 1);
        InspectFixtures.writeClip(folder.resolve("b.wav"), 1.2, 2);
        Files.writeString(folder.resolve("broken.wav"), "RIFF and nothing else");
        Files.writeString(folder.resolve("notes.txt"), "not audio, ignored");
        vm.measureFolder(folder.getParent());
        CodesOfCorpus c = vm.corpusProperty().get();
        assertNotNull(c, vm.errorProperty().get());
        assertEquals(2, c.files().size());
        assertEquals(1, c.skipped().size());
        assertEquals("broken.wav", c.skipped().get(0).file().getFileName().toString());
        assertFalse(c.skipped().get(0).reason().isBlank());
        assertEquals(2, c.a().numClips());
        assertEquals(50 + 60, c.a().numFrames());
        assertEquals(AudioSource.FOLDER, vm.sourceProperty().get());
        assertTrue(vm.statusProperty().get().endsWith("1 file skipped"), vm.statusProperty().get());
    }

    @Test
    void aFolderWithoutReadableAudioGivesAMessage() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(folder.resolve("x.mp3"), "no frames here");
        vm.measureFolder(folder);
        assertNull(vm.matrixAProperty().get());
        assertTrue(vm.errorProperty().get().contains("none of the 1 audio files"), vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aCancelledMeasurementKeepsTheLastFigures() throws Exception {
        selected.set(clip);
        double[][] before = vm.matrixAProperty().get();
        executor.cancelNext();
        vm.measureFolder(dir);
        assertTrue(Arrays.deepEquals(before, vm.matrixAProperty().get()));
        assertTrue(vm.statusProperty().get().startsWith("Cancelled"));
    }

    @Test
    void twoModelsGiveTheirMatricesAndTheDifferenceBMinusA() throws Exception {
        Path folderB = dir.resolve("model-b");
        try (MusicModel b = InspectFixtures.tinyModel(11)) {
            b.saveTo(folderB);
        }
        selected.set(clip);
        vm.loadComparisonModel(folderB);
        assertNotNull(vm.comparisonModelProperty().get(), vm.errorProperty().get());
        double[][] a = vm.matrixAProperty().get();
        double[][] b = vm.matrixBProperty().get();
        double[][] d = vm.differenceProperty().get();
        assertNotNull(b);
        assertNotNull(d);
        assertEquals("tiny-11", vm.figuresBProperty().get().modelId());
        assertEquals(vm.figuresAProperty().get().frames(), vm.figuresBProperty().get().frames(), "same audio");
        assertFalse(Arrays.deepEquals(a, b));
        for (int k = 0; k < 4; k++) {
            for (int l = 0; l < 4; l++) {
                assertEquals(b[k][l] - a[k][l], d[k][l], 1e-12);
            }
        }
        vm.alignmentKindProperty().set(Alignment.Kind.DELAY_PATTERN);
        double[][] d2 = vm.differenceProperty().get();
        assertEquals(vm.matrixBProperty().get()[0][1] - vm.matrixAProperty().get()[0][1], d2[0][1], 1e-12);

        vm.clearComparison();
        assertNull(vm.comparisonModelProperty().get());
        assertNull(vm.differenceProperty().get());
        assertNull(vm.matrixBProperty().get());
    }

    @Test
    void aMissingComparisonModelGivesAMessage() {
        vm.loadComparisonModel(dir.resolve("nowhere"));
        assertNull(vm.comparisonModelProperty().get());
        assertTrue(vm.errorProperty().get().contains("nowhere"), vm.errorProperty().get());
    }

    @Test
    void aModelWithoutATrainingRunHasNoValidationSet() {
        ValidationSet vs = vm.validationProperty().get();
        assertFalse(vs.available());
        assertTrue(vs.description().contains("not loaded from a folder"), vs.description());
        vm.sourceProperty().set(AudioSource.VALIDATION_SET);
        vm.compute();
        assertEquals(vs.description(), vm.errorProperty().get());
    }

    @Test
    void theValidationTracksOfTheTrainingRunAreMeasured() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        InspectFixtures.writeClip(library.resolve("held.wav"), 1.0, 3);
        InspectFixtures.writeClip(library.resolve("train.wav"), 1.0, 4);
        LibraryConfig config = LibraryConfig.defaults();
        Caption caption = new Caption("a calm test tone", CaptionSource.EDITED, Map.of());
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, library.toString(), config, Instant.now().toString(),
                List.of(new TrackEntry("held.wav", "a".repeat(64), 100, 1.0, 16_000, 1, caption, Split.VALIDATION, 1, 0,
                                List.of()),
                        new TrackEntry("train.wav", "b".repeat(64), 100, 1.0, 16_000, 1, caption, Split.TRAINING, 1, 0,
                                List.of())),
                List.of());
        Path modelDir = dir.resolve("trained");
        manifest.write(dir.resolve("trained.run/manifest.json"));
        Provenance provenance = new Provenance(Instant.now().toString(), "test", 1, null, "manifest " + manifest.hash(),
                10, null, null, null);
        try (MusicModel trained = MusicModel.create(model.config().withProvenance(provenance), ai.djl.Device.cpu(), 5)) {
            trained.saveTo(modelDir);
            current.set(trained);
            ValidationSet vs = vm.validationProperty().get();
            assertTrue(vs.available(), vs.description());
            assertEquals(List.of(library.resolve("held.wav")), vs.files());
            vm.sourceProperty().set(AudioSource.VALIDATION_SET);
            vm.compute();
            assertEquals(List.of(library.resolve("held.wav")), vm.corpusProperty().get().files());
            assertEquals(4, vm.matrixAProperty().get().length);

            Files.delete(library.resolve("held.wav"));
            assertFalse(ValidationSet.locate(modelDir, trained.config()).available());
            assertTrue(ValidationSet.locate(modelDir, trained.config()).description().contains("no longer"));
            current.set(model);
        }
    }
}
