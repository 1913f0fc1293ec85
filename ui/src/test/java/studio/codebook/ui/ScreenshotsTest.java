package studio.codebook.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
import studio.codebook.ui.library.ClipLibrary;
import studio.codebook.ui.library.LibraryClip;
import studio.codebook.ui.shell.MainWindow;
import studio.codebook.ui.shell.StudioView;

/**
 * Writes a 1280 × 800 picture of every view (and of the help panel) to {@code docs/screenshots/}, with
 * the tiny model loaded and a few clips it generated in the library. Skipped unless run with
 * {@code -Dscreenshots=true}:
 * {@code mvn -o -pl ui -am test -Dtest=ScreenshotsTest -Dscreenshots=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    private static final List<String> PROMPTS = List.of(
            "upbeat house with a piano lead, 124 bpm",
            "calm ambient pads in D minor",
            "funky bass and drums, 100 bpm",
            "lo-fi hip hop with a mellow electric piano");

    private StudioContext context;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Path home = Files.createTempDirectory("studio-screens-");
        Path modelDir = TinyModel.copyTo(home.resolve("models/tiny"));
        SettingsStore settings = new SettingsStore(home);
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

    /** Real clips from the tiny model (random weights: noise, but real records and timings). */
    private static void generateClips(Path modelDir, ClipLibrary library) throws IOException {
        try (MusicModel model = MusicModel.load(modelDir, ComputeDevice.cpu().device())) {
            Instant at = Instant.now().minus(Duration.ofHours(3));
            long seed = 1234;
            for (String prompt : PROMPTS) {
                GenerationParams params = GenerationParams.defaults(prompt, seed).withDuration(2);
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
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> context.models().current().get() != null
                && context.models().device().get() != null && !context.tasks().busy().get());
        for (StudioView view : StudioView.values()) {
            WaitForAsyncUtils.asyncFx(() -> window.select(view)).get();
            if (view == StudioView.LIBRARY) {
                @SuppressWarnings("unchecked")
                TableView<LibraryClip> table = robot.lookup("#library-table").queryAs(TableView.class);
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == PROMPTS.size());
                WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(1)).get();
            }
            Path file = out.resolve(view.title().toLowerCase(Locale.ROOT).replace("-", "") + ".png");
            snapshot(file);
        }
        WaitForAsyncUtils.asyncFx(window::toggleHelp).get();
        snapshot(out.resolve("help.png"));
    }

    private void snapshot(Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = stage.getScene();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(buffered, "png", file.toFile());
        assertTrue(Files.size(file) > 10_000, file + " looks empty");
    }
}
