package studio.codebook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codebook.ui.common.FxWait;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.model.ModelConfig;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.audio.LinePlayback;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.ModelEntry;
import studio.codebook.ui.common.ModelService;
import studio.codebook.ui.common.SettingsStore;
import studio.codebook.ui.common.StudioContext;
import studio.codebook.ui.common.TaskMonitor;
import studio.codebook.ui.common.TinyModel;
import studio.codebook.ui.controls.TokenGrid;
import studio.codebook.ui.controls.WaveformView;
import studio.codebook.ui.dependence.DependenceView;
import studio.codebook.ui.finetune.FineTuneView;
import studio.codebook.ui.finetune.FineTuneViewModel;
import studio.codebook.ui.generate.GenerateView;
import studio.codebook.ui.generate.GenerateViewModel;
import studio.codebook.ui.generate.VariantViewModel;
import studio.codebook.ui.inspect.InspectView;
import studio.codebook.ui.library.LibraryClip;
import studio.codebook.ui.shell.MainWindow;
import studio.codebook.ui.shell.StudioView;

/**
 * The whole window, headless, as a user goes through it: the tiny model loads in the selector; a prompt
 * typed on Generate and Ctrl+Enter make a clip; the Library lists it; Inspect shows its K token rows and
 * Dependence its K × K heatmap; a 5-step fine-tune adds a model to the selector; Regenerate brings the
 * clip's prompt and seed back into Generate. Everything runs in a temporary data folder.
 */
@ExtendWith(ApplicationExtension.class)
class StudioJourneyTest {

    private static final String PROMPT = "warm lo-fi piano over brushed drums";
    private static final String TUNED = "journey-tuned";

    private Path home;
    private StudioContext context;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        home = Files.createTempDirectory("studio-journey-");
        TinyModel.copyTo(home.resolve("models/tiny"));
        SettingsStore settings = new SettingsStore(home);
        TaskMonitor tasks = new TaskMonitor(new FxTaskExecutor(2));
        // no bundled model, the CPU: the window sees exactly the tiny model in the temporary data folder
        ModelService models = new ModelService(tasks, settings.modelsFolder(), Optional::empty, ComputeDevice::cpu);
        context = new StudioContext(tasks, settings, models, LinePlayback.forSystem(),
                new studio.codebook.ui.library.ClipLibrary(settings.clipsFolder()), new SimpleObjectProperty<>());
        window = StudioApplication.createWindow(context);
        stage.setScene(window.createScene(1280, 800));
        stage.show();
        window.start();
    }

    @AfterEach
    void tearDown() {
        WaitForAsyncUtils.asyncFx(() -> {
            window.dispose();
            context.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
        delete(home);
        delete(home.resolveSibling(home.getFileName() + "-tracks"));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }

    @Test
    void aClipGoesFromGenerateThroughEveryViewAndAFineTunedModelJoinsTheSelector(FxRobot robot) throws Exception {
        // the model selector lists and loads the tiny model
        waitUntil(60, () -> context.models().current().get() != null);
        ComboBox<ModelEntry> selector = comboBox(robot, "#model-selector");
        waitUntil(5, () -> selector.getValue() != null);
        assertEquals("tiny-ui", selector.getValue().id());
        ModelConfig config = context.models().current().get().config();
        int k = config.codebooks();

        // Generate: a 2-second clip from a typed prompt and Ctrl+Enter
        GenerateView generateView = robot.lookup(".generate-view").queryAs(GenerateView.class);
        GenerateViewModel generate = generateView.viewModel();
        TextField duration = robot.from(generateView).lookup("#duration .text-field").queryAs(TextField.class);
        robot.clickOn(duration).type(KeyCode.END).eraseText(duration.getText().length()).write("2");
        robot.clickOn("#prompt").write(PROMPT);
        assertEquals(2.0, generate.sampling().durationSecondsProperty().get(),
                "the typed duration counts on leaving the field");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(60, () -> generate.variants().size() == 1
                && generate.variants().get(0).state() == VariantViewModel.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        VariantViewModel variant = generate.variants().get(0);
        assertEquals(1, robot.from(generateView).lookup(".variant-card").queryAll().size());
        WaveformView waveform = robot.from(generateView).lookup(".waveform-view").queryAs(WaveformView.class);
        assertTrue(waveform.getData().length() >= 1.9 * config.sampleRate(),
                "the card's waveform holds the 2 s clip: " + waveform.getData().length() + " samples");
        assertTrue(waveform.getWidth() > 200 && waveform.getHeight() > 40, "and is drawn at a usable size");
        String status = robot.from(generateView).lookup("#status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Made 1 clip"), status);
        Path wav = variant.file();
        assertNotNull(wav);
        assertTrue(wav.startsWith(home.resolve("clips")), "clips are kept in the data folder: " + wav);
        assertTrue(Files.isRegularFile(wav));
        long seed = variant.seed();

        // Library: the clip is listed; selecting it selects it for Inspect and Dependence
        robot.interact(() -> context.selectedClip().set(null));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        TableView<LibraryClip> table = libraryTable(robot);
        waitUntil(10, () -> table.getItems().size() == 1);
        assertEquals(wav, table.getItems().get(0).wav());
        assertEquals(PROMPT, table.getItems().get(0).prompt());
        robot.clickOn(firstRow(robot, table));
        assertEquals(wav, context.selectedClip().get());

        // Inspect: K token rows over the clip's frames, and a usage chart per codebook
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        assertEquals(StudioView.INSPECT, window.selected());
        InspectView inspect = robot.lookup(".inspect-view").queryAs(InspectView.class);
        waitUntil(30, () -> inspect.tokenStreamView().getGrid() != null
                && wav.equals(inspect.viewModel().clipFileProperty().get()));
        TokenGrid grid = inspect.tokenStreamView().getGrid();
        assertEquals(k, grid.numRows());
        int expectedFrames = (int) Math.round(2 * config.frameRate());
        assertTrue(Math.abs(grid.numFrames() - expectedFrames) <= 2, grid.numFrames() + " frames for 2 s");
        for (int[] row : grid.codes()) {
            for (int id : row) {
                assertTrue(id >= 0 && id < config.codebookSize(), "token id " + id);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(k, robot.from(inspect).lookup(".codebook-usage").queryAll().size());

        // Dependence: a filled K × K heatmap over the selected clip
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        DependenceView dependence = robot.lookup(".dependence-view").queryAs(DependenceView.class);
        waitUntil(30, () -> dependence.heatmapA().getValues() != null && !dependence.viewModel().busyProperty().get());
        double[][] mi = dependence.heatmapA().getValues();
        assertEquals(k, mi.length);
        for (double[] row : mi) {
            assertEquals(k, row.length);
            for (double v : row) {
                assertTrue(Double.isFinite(v), "every cell has a value");
            }
        }
        assertTrue(dependence.heatmapA().isVisible() && dependence.heatmapA().getWidth() > 100);
        String measured = robot.from(dependence).lookup("#statusLabel").queryAs(Label.class).getText();
        assertTrue(measured.contains("1 file"), measured);

        // Fine-tune: three short WAVs, 5 steps; the new model joins the selector
        Path tracks = tracks(home.resolveSibling(home.getFileName() + "-tracks"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        FineTuneView fineTuneView = robot.lookup(".fine-tune-view").queryAs(FineTuneView.class);
        FineTuneViewModel fineTune = fineTuneView.viewModel();
        robot.interact(() -> {
            fineTune.settings().stepsProperty().set(5);
            fineTune.settings().batchSizeProperty().set(2);
            fineTune.settings().segmentSecondsProperty().set(0.5);
            fineTune.settings().lmFramesProperty().set(50);
            fineTune.settings().modelNameProperty().set(TUNED);
            fineTune.table().scan(tracks);
        });
        waitUntil(30, () -> !fineTune.table().scanningProperty().get() && fineTune.table().tracks().size() == 3);
        robot.clickOn("#start");
        waitUntil(120, () -> !fineTune.trainingProperty().get());
        String message = robot.from(fineTuneView).lookup("#message").queryAs(Label.class).getText();
        assertNotNull(fineTune.createdModelProperty().get(), message);
        Path created = home.resolve("models").resolve(TUNED).toAbsolutePath().normalize();
        assertEquals(created, fineTune.createdModelProperty().get().toAbsolutePath().normalize());
        waitUntil(5, () -> selector.getItems().stream().anyMatch(e -> e.folder().equals(created)));
        assertEquals(2, selector.getItems().size());
        assertEquals(TUNED, context.models().find(created).orElseThrow().label(), "listed under its own name");

        // Regenerate from the Library: the clip's prompt and seed come back into Generate (locked)
        robot.interact(() -> {
            generate.prompt().promptProperty().set("something else entirely");
            generate.sampling().seedLockedProperty().set(false);
            generate.sampling().rollSeed();
            generate.sampling().variantCountProperty().set(3);
        });
        assertFalse(generate.sampling().seedProperty().get() == seed, "the seed field changed before regenerating");
        assertTrue(variantToggle(robot, generateView, 3).isSelected(), "the variants switch follows the view model");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        robot.clickOn(firstRow(robot, table));
        robot.clickOn("#library-regenerate");
        assertEquals(StudioView.GENERATE, window.selected());
        assertEquals(PROMPT, robot.lookup("#prompt").queryAs(TextArea.class).getText());
        assertEquals(Long.toString(seed), robot.lookup("#seed").queryAs(TextField.class).getText());
        assertEquals(1, generate.sampling().variantCountProperty().get());
        assertTrue(variantToggle(robot, generateView, 1).isSelected(), "the variants switch shows 1");
        assertFalse(variantToggle(robot, generateView, 3).isSelected());
        assertTrue(robot.lookup("#seed-lock").queryAs(ToggleButton.class).isSelected());
    }

    @Test
    void unloadingTheModelWhileItGeneratesLetsTheRunFinishAndThenFreesIt(FxRobot robot) throws Exception {
        waitUntil(60, () -> context.models().current().get() != null);
        GenerateView generateView = robot.lookup(".generate-view").queryAs(GenerateView.class);
        GenerateViewModel generate = generateView.viewModel();
        robot.interact(() -> {
            generate.sampling().durationSecondsProperty().set(6);
            generate.prompt().promptProperty().set(PROMPT);
            generate.generate();
        });
        waitUntil(30, () -> generate.progressProperty().get() > 0.05);
        assertTrue(generate.runningProperty().get(), "still generating when the model is unloaded");
        MusicModel model = context.models().current().get();
        robot.clickOn("#model-unload");
        assertEquals(null, context.models().current().get());
        waitUntil(60, () -> !generate.runningProperty().get());
        String status = robot.from(generateView).lookup("#status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Made 1 clip"), "the run holds the model until it ends: " + status);
        assertTrue(Files.isRegularFile(generate.variants().get(0).file()));
        assertTrue(context.models().lease().isEmpty(), "nothing is loaded afterwards");
        waitUntil(5, () -> !model.codec().manager().isOpen()); // freed once the run let go of it
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    private static ComboBox<ModelEntry> comboBox(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<LibraryClip> libraryTable(FxRobot robot) {
        return robot.lookup("#library-table").queryAs(TableView.class);
    }

    private static ToggleButton variantToggle(FxRobot robot, GenerateView view, int n) {
        return robot.from(view).lookup(".segmented-button .toggle-button")
                .match((ToggleButton b) -> b.getText().equals(Integer.toString(n))).queryAs(ToggleButton.class);
    }

    /** The first row the table shows (not the hidden row the table measures with). */
    private static Node firstRow(FxRobot robot, TableView<?> table) {
        return robot.from(table).lookup(".table-row-cell").match((TableRow<?> row) -> row.getIndex() == 0
                && !row.isEmpty() && shown(row)).queryAs(Node.class);
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Three 1.5-second chords at 16 kHz, written with the engine's WAV writer. */
    private static Path tracks(Path dir) throws IOException {
        Files.createDirectories(dir);
        double[] roots = {196, 247, 294};
        for (int i = 0; i < roots.length; i++) {
            WavWriter.write(chord(roots[i], 1.5, 16_000), dir.resolve("track-" + (i + 1) + ".wav"), 16);
        }
        return dir;
    }

    private static AudioClip chord(double root, double seconds, int rate) {
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * root * t) + 0.2 * Math.sin(2 * Math.PI * root * 1.26 * t)
                    + 0.15 * Math.sin(2 * Math.PI * root * 1.5 * t));
        }
        return AudioClip.mono(x, rate);
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws TimeoutException {
        FxWait.until(seconds, condition);
    }
}
