package studio.codebook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codebook.ui.common.FxWait;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GeneratedClip;
import studio.codebook.engine.generate.GenerationListener;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.generate.GenerationResult;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.audio.LinePlayback;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.ModelService;
import studio.codebook.ui.common.SettingsStore;
import studio.codebook.ui.common.StudioContext;
import studio.codebook.ui.common.TaskMonitor;
import studio.codebook.ui.common.TinyModel;
import studio.codebook.ui.controls.TimeSpan;
import studio.codebook.ui.dependence.DependenceView;
import studio.codebook.ui.dependence.DependenceViewModel;
import studio.codebook.ui.finetune.FineTuneView;
import studio.codebook.ui.finetune.FineTuneViewModel;
import studio.codebook.ui.generate.GenerateView;
import studio.codebook.ui.generate.GenerateViewModel;
import studio.codebook.ui.generate.VariantViewModel;
import studio.codebook.ui.inspect.InspectView;
import studio.codebook.ui.library.ClipLibrary;
import studio.codebook.ui.library.LibraryClip;
import studio.codebook.ui.shell.MainWindow;
import studio.codebook.ui.shell.StudioView;

/**
 * Writes a 1280 × 800 picture of every view, each with real content, and of the help panel to
 * {@code docs/screenshots/} (generate, inspect, dependence, finetune, library, help .png). Skipped unless
 * run with {@code -Dscreenshots=true}:
 *
 * <pre>
 * mvn -o -pl ui -am test -Dtest=ScreenshotsTest -Dscreenshots=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The model is a tiny random-weight one made here unless {@code -Dscreenshots.model=/path/to/model}
 * names a model folder (e.g. the bundled model); {@code -Dscreenshots.steps=N} sets the fine-tune's steps
 * (default 40) and {@code -Dscreenshots.dir} the output folder. The order follows a session: a few clips
 * already in the library, a fine-tune on a folder of tracks (its charts, table and before/after), a
 * generation of two variants, Inspect on variant 1, Dependence on the library's clips comparing the model
 * with the fine-tuned one, the library, help.
 */
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    private static final List<String> LIBRARY_PROMPTS = List.of(
            "upbeat house with a piano lead, 124 bpm",
            "calm ambient pads in D minor",
            "funky bass and drums, 100 bpm",
            "lo-fi hip hop with a mellow electric piano");
    private static final String PROMPT = "warm lo-fi piano over brushed drums";
    private static final double SECONDS = 4;
    private static final String TUNED = "my-tracks-lambda-0.5";

    private Path home;
    private Path tracks;
    private StudioContext context;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Path temp = Files.createTempDirectory("studio-screens-");
        home = temp.resolve("codebook-studio"); // reads like the real data folder in the pictures
        tracks = writeTracks(temp.resolve("My tracks"));
        SettingsStore settings = new SettingsStore(home);
        String chosen = System.getProperty("screenshots.model", "");
        Path modelDir = chosen.isBlank() ? TinyModel.copyTo(settings.modelsFolder().resolve("tiny"))
                : Path.of(chosen).toAbsolutePath();
        settings.update(s -> s.withLastModel(modelDir.toString()));
        ClipLibrary library = new ClipLibrary(settings.clipsFolder());
        generateClips(modelDir, library);
        TaskMonitor tasks = new TaskMonitor(new FxTaskExecutor(2));
        ModelService models = new ModelService(tasks, settings.modelsFolder(), Optional::empty, ComputeDevice::cpu);
        context = new StudioContext(tasks, settings, models, LinePlayback.forSystem(), library,
                new SimpleObjectProperty<>());
        window = StudioApplication.createWindow(context);
        stage.setScene(window.createScene(1280, 800));
        stage.show();
        window.start();
    }

    /** Clips made earlier in the day, so the library has a history. */
    private static void generateClips(Path modelDir, ClipLibrary library) throws IOException {
        try (MusicModel model = MusicModel.load(modelDir, ComputeDevice.cpu().device())) {
            Instant at = Instant.now().minus(Duration.ofHours(3));
            long seed = 1234;
            double[] seconds = {SECONDS, 6, 3, 5};
            double[] cfg = {3, 4, 2.5, 3.5};
            double[] temperature = {1, 0.9, 1.1, 1};
            for (int i = 0; i < LIBRARY_PROMPTS.size(); i++) {
                GenerationParams params = GenerationParams.defaults(LIBRARY_PROMPTS.get(i), seed)
                        .withDuration(seconds[i]).withCfgScale(cfg[i]).withSampling(250, 0, temperature[i]);
                GenerationResult result = model.generator().generate(params, null, GenerationListener.NONE);
                GeneratedClip clip = result.clips().get(0);
                library.save(clip.audio(), new ClipRecord("clip.wav", at.toString(), "Codebook Studio", params,
                        clip.variant(), clip.seed(), model.config().id(), model.hash(), null, 0,
                        clip.audio().durationSeconds(), clip.audio().sampleRate(), ClipRecord.Timings.of(result)));
                at = at.plus(Duration.ofMinutes(37));
                seed += 7919;
            }
        }
    }

    /** Four short tracks to fine-tune on: chords over a pulse, each in its own key and tempo. */
    private static Path writeTracks(Path dir) throws IOException {
        Files.createDirectories(dir);
        String[] names = {"evening chords.wav", "bass pulse 96 bpm.wav", "bright arpeggio.wav", "slow pad.wav"};
        double[] roots = {220, 110, 330, 147};
        double[] bpm = {80, 96, 120, 60};
        for (int i = 0; i < names.length; i++) {
            WavWriter.write(track(roots[i], bpm[i], 4, 16_000), dir.resolve(names[i]), 16);
        }
        return dir;
    }

    private static AudioClip track(double root, double bpm, double seconds, int rate) {
        float[] x = new float[(int) (seconds * rate)];
        double beat = 60 / bpm;
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double env = Math.exp(-3 * (t % beat) / beat);
            x[i] = (float) (env * (0.3 * Math.sin(2 * Math.PI * root * t) + 0.2 * Math.sin(2 * Math.PI * root * 1.26 * t)
                    + 0.15 * Math.sin(2 * Math.PI * root * 1.5 * t)));
        }
        return AudioClip.mono(x, rate);
    }

    @AfterEach
    void tearDown() {
        WaitForAsyncUtils.asyncFx(() -> {
            window.dispose();
            context.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyView(FxRobot robot) throws Exception {
        Path out = Path.of(System.getProperty("screenshots.dir", "../docs/screenshots")).toAbsolutePath().normalize();
        Files.createDirectories(out);
        waitUntil(120, () -> context.models().current().get() != null && context.models().device().get() != null);

        // Fine-tune: a short run on the folder, then the before/after comparison on the held-out track
        show(StudioView.FINETUNE);
        FineTuneViewModel fineTune = robot.lookup(".fine-tune-view").queryAs(FineTuneView.class).viewModel();
        int steps = Integer.getInteger("screenshots.steps", 40);
        robot.interact(() -> {
            fineTune.settings().stepsProperty().set(steps);
            fineTune.settings().batchSizeProperty().set(2);
            fineTune.settings().segmentSecondsProperty().set(0.5);
            fineTune.settings().lmFramesProperty().set(50);
            fineTune.settings().independenceWeightProperty().set(0.5);
            fineTune.settings().modelNameProperty().set(TUNED);
            fineTune.table().scan(tracks);
        });
        waitUntil(60, () -> !fineTune.table().scanningProperty().get() && fineTune.table().scanProperty().get() != null);
        robot.interact(fineTune::start);
        waitUntil(600, () -> !fineTune.trainingProperty().get());
        Path tuned = fineTune.createdModelProperty().get();
        assertNotNull(tuned, fineTune.messageProperty().get());
        robot.interact(() -> fineTune.comparison().compare());
        waitUntil(120, () -> fineTune.comparison().resultProperty().get() != null
                && !fineTune.comparison().comparingProperty().get());
        snapshot(out.resolve("finetune.png"));

        // Generate: two variants of one prompt
        show(StudioView.GENERATE);
        GenerateViewModel generate = robot.lookup(".generate-view").queryAs(GenerateView.class).viewModel();
        robot.interact(() -> {
            generate.autoPlayProperty().set(false);
            generate.prompt().promptProperty().set(PROMPT);
            generate.sampling().durationSecondsProperty().set(SECONDS);
            generate.sampling().variantCountProperty().set(2);
            generate.generate();
        });
        waitUntil(300, () -> generate.variants().size() == 2
                && generate.variants().stream().allMatch(v -> v.state() == VariantViewModel.State.DONE));
        snapshot(out.resolve("generate.png"));

        // Inspect: variant 1 (selected by Generate), with a span selected
        show(StudioView.INSPECT);
        InspectView inspect = robot.lookup(".inspect-view").queryAs(InspectView.class);
        Path clip = generate.variants().get(0).file();
        waitUntil(60, () -> inspect.tokenStreamView().getGrid() != null
                && clip.equals(inspect.viewModel().clipFileProperty().get()) && !inspect.viewModel().busyProperty().get());
        robot.interact(() -> inspect.viewModel().selectionProperty().set(new TimeSpan(1.0, 1.8)));
        snapshot(out.resolve("inspect.png"));

        // Dependence: every clip in the library, the model (A) against the fine-tuned one (B)
        show(StudioView.DEPENDENCE);
        DependenceViewModel dependence = robot.lookup(".dependence-view").queryAs(DependenceView.class).viewModel();
        waitUntil(60, () -> !dependence.busyProperty().get());
        robot.interact(() -> dependence.measureFolder(context.settings().clipsFolder()));
        waitUntil(120, () -> dependence.matrixAProperty().get() != null && !dependence.busyProperty().get());
        robot.interact(() -> dependence.loadComparisonModel(tuned));
        waitUntil(120, () -> dependence.differenceProperty().get() != null && !dependence.busyProperty().get());
        snapshot(out.resolve("dependence.png"));

        // Library: the four earlier clips and the two new ones
        show(StudioView.LIBRARY);
        @SuppressWarnings("unchecked")
        TableView<LibraryClip> table = robot.lookup("#library-table").queryAs(TableView.class);
        waitUntil(10, () -> table.getItems().size() == LIBRARY_PROMPTS.size() + 2);
        robot.interact(() -> table.getSelectionModel().select(2));
        snapshot(out.resolve("library.png"));

        WaitForAsyncUtils.asyncFx(window::toggleHelp).get();
        snapshot(out.resolve("help.png"));
    }

    private void show(StudioView view) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.select(view)).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void snapshot(Path file) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> context.playback().stop()).get();
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = stage.getScene();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        assertEquals(1280, buffered.getWidth());
        assertEquals(800, buffered.getHeight());
        ImageIO.write(buffered, "png", file.toFile());
        assertTrue(Files.size(file) > 10_000, file + " looks empty");
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        FxWait.until(seconds, condition);
    }
}
