package studio.codebook.ui.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import studio.codebook.engine.audio.WavWriter;
import studio.codebook.engine.model.ModelPresets;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.RecordingPlayback;
import studio.codebook.ui.controls.WaveformView;

@ExtendWith(ApplicationExtension.class)
class GenerateViewTest {

    private static MusicModel model;
    private static Path store;

    private final FxTaskExecutor executor = new FxTaskExecutor(1);
    private final List<Path> saved = new ArrayList<>();
    private GenerateViewModel vm;

    @BeforeAll
    static void createModel() throws IOException {
        model = MusicModel.create(ModelPresets.architecture("tiny", "rvq", "tiny-view"), Device.cpu(), 3);
        store = Files.createTempDirectory("generate-view-test");
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Start
    void start(Stage stage) {
        vm = new GenerateViewModel(executor, new SimpleObjectProperty<>(model), new RecordingPlayback(false),
                (clip, record) -> {
                    Path wav = store.resolve("clip-" + System.nanoTime() + ".wav");
                    WavWriter.write(clip, wav, 16);
                    saved.add(wav);
                    return wav;
                });
        vm.sampling().durationSecondsProperty().set(1);
        stage.setScene(new Scene(new GenerateView(vm), 1280, 800));
        stage.show();
    }

    @Test
    void typingAPromptAndPressingCtrlEnterMakesAWaveformCard(FxRobot robot) throws TimeoutException {
        Button generate = robot.lookup("#generate").queryButton();
        assertTrue(generate.isDisabled(), "empty prompt: Generate is disabled");
        Label blocked = robot.lookup("#blocked-reason").queryAs(Label.class);
        assertEquals(GenerateViewModel.EMPTY_PROMPT, blocked.getText());
        assertTrue(blocked.isVisible());

        robot.clickOn("#prompt").write("energetic techno with a saw lead");
        assertFalse(generate.isDisabled());
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.variants().isEmpty()
                && vm.variants().get(0).state() == VariantViewModel.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        Set<Node> cards = robot.lookup(".variant-card").queryAll();
        assertEquals(1, cards.size());
        WaveformView waveform = robot.lookup(".waveform-view").queryAs(WaveformView.class);
        assertTrue(waveform.getData().length() > 10_000, "the waveform holds the clip");
        assertTrue(waveform.getWidth() > 100 && waveform.getHeight() > 40);
        assertEquals(1, saved.size());
        String status = robot.lookup("#status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Made 1 clip"), status);
        assertTrue(robot.lookup("#seed-used").queryAs(Label.class).getText().startsWith("Seed used: "));
        // no audio device: play is disabled, the notice says why, export still works
        assertTrue(robot.lookup(".play-button").queryButton().isDisabled());
        assertTrue(robot.lookup("#no-audio-notice").queryAs(Label.class).isVisible());
        snapshot(robot, Path.of("target", "generate-view.png"));
    }

    /** A picture of the window for a look (not compared): target/generate-view.png. */
    private static void snapshot(FxRobot robot, Path file) {
        try {
            javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(
                    () -> robot.lookup(".generate-view").query().getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("snapshot failed", e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWindowSpinnerInAdvancedSetsTheRunsWindow(FxRobot robot) {
        javafx.scene.control.TitledPane advanced =
                robot.lookup(".titled-pane").queryAs(javafx.scene.control.TitledPane.class);
        assertEquals("Advanced", advanced.getText());
        robot.interact(() -> advanced.setExpanded(true));
        javafx.scene.control.Spinner<Double> window =
                robot.lookup("#window").queryAs(javafx.scene.control.Spinner.class);
        assertTrue(window.isVisible());
        assertEquals(studio.codebook.engine.generate.GenerationParams.DEFAULT_WINDOW_SECONDS, window.getValue(),
                "starts at the default");
        robot.interact(() -> window.getValueFactory().setValue(0.0));
        assertEquals(0.0, vm.sampling().params("techno", "").windowSeconds(), "0 = as the model was trained");
        robot.interact(() -> window.increment(3));
        assertEquals(1.5, vm.sampling().params("techno", "").windowSeconds());
        robot.interact(() -> vm.sampling().load(vm.sampling().params("techno", "").withWindow(3), 7));
        assertEquals(3.0, window.getValue(), "a stored clip's window shows");
        snapshot(robot, Path.of("target", "generate-advanced.png")); // a picture for a look: the "Window (s)" row
    }

    @Test
    void aPresetChipFillsThePromptAndVariantsMakeThatManyCards(FxRobot robot) throws TimeoutException {
        robot.clickOn("Techno");
        assertEquals("energetic techno with a saw lead, 128 BPM", vm.prompt().promptProperty().get());
        robot.clickOn("3");
        assertEquals(3, vm.sampling().variantCountProperty().get());
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.variants().size() == 3
                && vm.variants().stream().allMatch(v -> v.state() == VariantViewModel.State.DONE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, robot.lookup(".variant-card").queryAll().size());
        assertEquals(3, robot.lookup(".waveform-view").queryAll().size());
    }
}
