package studio.codebook.ui.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.training.data.CaptionSource;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.Split;
import studio.codebook.ui.common.CurrentThreadTaskExecutor;
import studio.codebook.ui.common.RecordingPlayback;

/** The Fine-tune view model with a same-thread executor: scan, caption edits, a 5-step run, cancel, A/B. */
class FineTuneViewModelTest {

    @TempDir
    Path dir;

    Path tracks;
    Path models;
    Path base;
    final List<Path> created = new ArrayList<>();
    RecordingPlayback playback = new RecordingPlayback(true);
    FineTuneViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        tracks = FineTuneFixture.tracks(dir);
        base = FineTuneFixture.tinyModel(dir);
        models = dir.resolve("data/models");
        vm = new FineTuneViewModel(new CurrentThreadTaskExecutor(), new SimpleObjectProperty<>(base), models,
                created::add, playback);
    }

    @Test
    void scanListsEveryFileAndWhyTheCorruptOneIsSkipped() {
        vm.table().scan(tracks);

        assertEquals(3, vm.table().tracks().size(), vm.messageProperty().get());
        TrackRow corrupt = row(FineTuneFixture.CORRUPT);
        assertFalse(corrupt.usable());
        assertTrue(corrupt.skipReason().contains(FineTuneFixture.CORRUPT), corrupt.skipReason());
        assertTrue(corrupt.status().startsWith("skipped: "), corrupt.status());
        for (String name : new String[] {"high.wav", "low.wav"}) {
            TrackRow row = row(name);
            assertTrue(row.usable(), name);
            assertEquals(2.0, row.durationSeconds(), 0.01);
            assertFalse(row.caption().isBlank());
            assertTrue(row.status().startsWith("ok"), row.status());
        }
        assertEquals(2, vm.table().usableTracks().size());
        // two tracks: one is held out, and it is the comparison's default
        assertEquals(Split.VALIDATION, vm.comparison().trackProperty().get().split());
        assertTrue(vm.canStartBinding().get());
        assertFalse(vm.messageIsErrorProperty().get(), vm.messageProperty().get());
    }

    @Test
    void captionEditsAreKeptAndBlankOnesRefused() {
        vm.table().scan(tracks);
        TrackRow low = row("low.wav");
        assertTrue(vm.table().editCaption(low, "  slow dusty piano loop  "));
        assertEquals("slow dusty piano loop", low.caption());
        assertTrue(low.status().contains("edited"), low.status());
        assertEquals(CaptionSource.EDITED, vm.table().manifest().track("low.wav").orElseThrow().caption().source());

        assertFalse(vm.table().editCaption(low, "   "));
        assertTrue(vm.messageIsErrorProperty().get());
        assertEquals("slow dusty piano loop", low.caption());
        assertFalse(vm.table().editCaption(row(FineTuneFixture.CORRUPT), "anything"));
    }

    @Test
    void aFiveStepFineTuneCreatesAModelThatLoadsAndUsesTheEditedCaption() throws Exception {
        Map<Path, byte[]> before = snapshot(tracks);
        vm.table().scan(tracks);
        String edited = "warm organ drone with soft brushes";
        TrackRow training = vm.table().usableTracks().stream().filter(r -> r.split() == Split.TRAINING).findFirst()
                .orElseThrow();
        assertTrue(vm.table().editCaption(training, edited));
        FineTuneFixture.quickSettings(vm, "my-tuned");

        vm.start();

        assertFalse(vm.trainingProperty().get());
        assertFalse(vm.messageIsErrorProperty().get(), vm.messageProperty().get());
        Path model = models.resolve("my-tuned");
        assertEquals(model, vm.createdModelProperty().get());
        assertEquals(List.of(model), created);
        assertTrue(vm.messageProperty().get().contains("created"), vm.messageProperty().get());
        assertEquals(1.0, vm.progressProperty().get(), 1e-9);
        FineTuneOutcome outcome = vm.outcomeProperty().get();
        assertFalse(outcome.cancelled());
        assertEquals(5, outcome.step());
        try (MusicModel loaded = MusicModel.load(model, Device.cpu())) {
            assertEquals("tiny-base", loaded.config().provenance().baseModel());
            assertEquals(5, loaded.config().provenance().steps());
            // the language model was trained on the segments of the LM manifest, which holds the edit
            Manifest lm = Manifest.read(outcome.runDir().resolve("manifest-lm.json"));
            assertEquals("manifest " + lm.hash(), loaded.config().provenance().data());
            var entry = lm.track(training.path()).orElseThrow();
            assertEquals(edited, entry.caption().text());
            assertEquals(CaptionSource.EDITED, entry.caption().source());
            assertEquals(1.0, lm.config().segmentSeconds(), 1e-9); // 50 frames: scanned again, edit kept
        }
        // only the model itself in the models folder; the user's folder untouched
        try (Stream<Path> entries = Files.list(models)) {
            assertEquals(List.of(model), entries.toList());
        }
        Map<Path, byte[]> after = snapshot(tracks);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, bytes) -> assertArrayEquals(bytes, after.get(p), p.toString()));
        // charts: losses of both phases, MMD² and TC at the codec's validations
        assertTrue(points(vm.lossSeries(), FineTuneJob.RECONSTRUCTION) > 0);
        assertTrue(points(vm.lossSeries(), FineTuneJob.LM_NLL) > 0);
        assertTrue(points(vm.lossSeries(), FineTuneJob.LM_NLL_VALIDATION) > 0);
        assertTrue(points(vm.validationSeries(), FineTuneJob.MMD_VALIDATION) > 0);
        assertTrue(points(vm.validationSeries(), FineTuneJob.TC_VALIDATION) > 0);
        double lastLmStep = vm.lossSeries().stream().filter(s -> s.name().equals(FineTuneJob.LM_NLL)).findFirst()
                .orElseThrow().points().get(vm.lossSeries().get(3).points().size() - 1).step();
        assertEquals(10, lastLmStep, 1e-9); // LM steps follow the codec's on the x axis

        // before / after on the held-out track
        vm.comparison().compare();
        BeforeAfter ab = vm.comparison().resultProperty().get();
        assertNotNull(ab, vm.comparison().textProperty().get());
        assertEquals(vm.comparison().trackProperty().get().path(), ab.track());
        assertEquals(2.0, ab.seconds(), 0.01);
        assertTrue(Double.isFinite(ab.siSnrBefore()) && Double.isFinite(ab.siSnrAfter()));
        assertTrue(ab.melBefore() > 0 && ab.melAfter() > 0);
        vm.comparison().playAfter();
        vm.comparison().playBefore();
        assertEquals(2, playback.requests.size());
        assertTrue(playback.requests.get(0).samples() == ab.after() && playback.requests.get(1).samples() == ab.before());
    }

    @Test
    void cancelMidRunKeepsTheCheckpointAndAddsNoModel() throws Exception {
        vm.table().scan(tracks);
        FineTuneFixture.quickSettings(vm, "cancelled-one");
        vm.runProgressProperty().addListener((obs, old, p) -> {
            if (p != null && p.phase().equals(FineTuneJob.CODEC) && p.step() >= 2) {
                vm.cancel();
            }
        });

        vm.start();

        FineTuneOutcome outcome = vm.outcomeProperty().get();
        assertNotNull(outcome, vm.messageProperty().get());
        assertTrue(outcome.cancelled());
        assertTrue(outcome.step() < 5, "stopped at " + outcome.step());
        assertNull(vm.createdModelProperty().get());
        assertTrue(created.isEmpty());
        assertTrue(Files.isRegularFile(outcome.lastCheckpoint().resolve("model/model.json")));
        assertTrue(vm.messageProperty().get().contains("checkpoint is kept"), vm.messageProperty().get());
        // nothing in the models folder, not even a hidden partial copy
        if (Files.exists(models)) {
            try (Stream<Path> entries = Files.list(models)) {
                assertEquals(List.of(), entries.toList());
            }
        }
    }

    @Test
    void refusesToOverwriteAnExistingModelOrStartWithBadSettings() throws Exception {
        vm.table().scan(tracks);
        FineTuneFixture.quickSettings(vm, "taken");
        Files.createDirectories(models.resolve("taken"));
        vm.start();
        assertTrue(vm.messageIsErrorProperty().get());
        assertTrue(vm.messageProperty().get().contains("already exists"), vm.messageProperty().get());
        assertNull(vm.outcomeProperty().get());

        vm.settings().modelNameProperty().set("free");
        vm.settings().stepsProperty().set(0);
        vm.start();
        assertTrue(vm.messageProperty().get().contains("steps"), vm.messageProperty().get());
        assertNull(vm.outcomeProperty().get());
    }

    @Test
    void suggestsAFreeModelNameFromTheBaseModel() throws Exception {
        assertEquals("base-tuned", vm.settings().modelNameProperty().get());
        Files.createDirectories(models.resolve("base-tuned"));
        FineTuneViewModel again = new FineTuneViewModel(new CurrentThreadTaskExecutor(),
                new SimpleObjectProperty<>(base), models, p -> { }, playback);
        assertEquals("base-tuned-2", again.settings().modelNameProperty().get());
    }

    private TrackRow row(String path) {
        return vm.table().tracks().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private static int points(List<MetricSeries> series, String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().points().size();
    }

    static Map<Path, byte[]> snapshot(Path folder) throws Exception {
        Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(folder.relativize(p), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
