package studio.codebook.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
import studio.codebook.engine.device.ComputeDevice;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.ui.StudioApplication;
import studio.codebook.ui.audio.LinePlayback;
import studio.codebook.ui.audio.SourceLineOutput;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.ModelEntry;
import studio.codebook.ui.common.ModelService;
import studio.codebook.ui.common.SettingsStore;
import studio.codebook.ui.common.StudioContext;
import studio.codebook.ui.common.StudioSettings;
import studio.codebook.ui.common.TaskMonitor;
import studio.codebook.ui.common.TinyModel;
import studio.codebook.ui.library.ClipLibrary;
import studio.codebook.ui.library.LibraryClip;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Path home;
    private StudioContext context;
    private MainWindow window;
    private Path piano;
    private Path techno;

    @Start
    void start(Stage stage) throws IOException {
        home = Files.createTempDirectory("studio-window-");
        TinyModel.copyTo(home.resolve("models/tiny"));
        // sampling settings a user set in an earlier run, and an old file's "generation", which is not theirs
        Files.writeString(home.resolve(SettingsStore.FILE_NAME), "{\"sampling\": {\"durationSeconds\": 6, "
                + "\"topK\": 100, \"topP\": 0, \"temperature\": 0.9, \"cfgScale\": 2.5, \"windowSeconds\": 1.5, "
                + "\"variants\": 2}, \"generation\": {\"cfgScale\": 3}}");
        SettingsStore settings = new SettingsStore(home);
        TaskMonitor tasks = new TaskMonitor(new FxTaskExecutor(2));
        ModelService models = new ModelService(tasks, settings.modelsFolder(), Optional::empty, ComputeDevice::cpu);
        LinePlayback noDevice = new LinePlayback(new SourceLineOutput(),
                "No audio device was found, so clips cannot be played.", Platform::runLater);
        ClipLibrary library = new ClipLibrary(settings.clipsFolder());
        piano = library.save(tone(), record("calm piano in D minor", 11, "2026-11-20T10:00:00Z"));
        techno = library.save(tone(), record("driving techno, 130 bpm", 22, "2026-11-21T10:00:00Z"));
        context = new StudioContext(tasks, settings, models, noDevice, library, new SimpleObjectProperty<>());
        window = StudioApplication.createWindow(context);
        stage.setScene(window.createScene(1280, 800));
        stage.show();
        window.start();
    }

    @AfterEach
    void tearDown() throws TimeoutException {
        WaitForAsyncUtils.asyncFx(() -> {
            window.dispose();
            context.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static AudioClip tone() {
        float[] s = new float[8000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(i * 0.1));
        }
        return AudioClip.mono(s, 16_000);
    }

    private static ClipRecord record(String prompt, long seed, String at) {
        return new ClipRecord("x.wav", at, "test", GenerationParams.defaults(prompt, seed).withDuration(0.5), 0, seed,
                "tiny-ui", "hash", null, 0, 0.5, 16_000, null);
    }

    private static void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        FxWait.until(seconds, condition);
    }

    @Test
    void theModelSelectorListsTheTinyModelAndLoadsIt(FxRobot robot) throws TimeoutException {
        waitUntil(60, () -> context.models().current().get() != null);
        @SuppressWarnings("unchecked")
        ComboBox<ModelEntry> selector = robot.lookup("#model-selector").queryAs(ComboBox.class);
        assertEquals(1, selector.getItems().size());
        assertEquals(home.resolve("models/tiny"), selector.getItems().get(0).folder());
        waitUntil(5, () -> selector.getValue() != null);
        assertEquals("tiny-ui", selector.getValue().id());
        assertEquals("tiny-ui", context.models().current().get().config().id());
        waitUntil(5, () -> robot.lookup("#device-label").queryAs(Label.class).getText().startsWith("CPU"));
        assertTrue(robot.lookup("#memory-label").queryAs(Label.class).getText().matches("RSS \\d+ MB · heap \\d+ MB"));
        assertTrue(robot.lookup("#model-status").queryAs(Label.class).getText().contains("loaded in"));
        assertEquals(home.resolve("models/tiny").toString(), context.settings().current().lastModel());

        robot.clickOn("#model-unload");
        waitUntil(5, () -> context.models().current().get() == null);
        assertTrue(robot.lookup("#model-unload").queryAs(Button.class).isDisabled());
    }

    @Test
    void theLibraryListsSearchesAndDeletesWithConfirmation(FxRobot robot) throws TimeoutException {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        TabPane tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
        waitUntil(5, () -> tabs.getSelectionModel().getSelectedIndex() == 4);
        @SuppressWarnings("unchecked")
        TableView<LibraryClip> table = robot.lookup("#library-table").queryAs(TableView.class);
        waitUntil(10, () -> table.getItems().size() == 2);
        assertEquals(techno, table.getItems().get(0).wav(), "newest first");

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("piano");
        waitUntil(5, () -> table.getItems().size() == 1);
        assertEquals(piano, table.getItems().get(0).wav());
        robot.doubleClickOn("#library-search").eraseText(5);
        waitUntil(5, () -> table.getItems().size() == 2);

        robot.clickOn("driving techno, 130 bpm");
        assertEquals(techno, context.selectedClip().get(), "selecting a clip selects it for Inspect");
        assertTrue(robot.lookup("#library-details").queryAs(Label.class).getText().contains("seed 22"));
        robot.clickOn("#library-delete");
        DialogPane dialog = robot.lookup("#delete-dialog").queryAs(DialogPane.class);
        assertNotNull(dialog);
        ButtonType delete = dialog.getButtonTypes().stream().filter(t -> t.getText().equals("Delete")).findFirst()
                .orElseThrow();
        robot.clickOn((Node) dialog.lookupButton(delete));
        waitUntil(10, () -> table.getItems().size() == 1);
        assertFalse(Files.exists(techno));
        assertFalse(Files.exists(ClipLibrary.sidecarOf(techno)));
        assertTrue(Files.exists(piano));
    }

    @Test
    void cancellingTheDeleteDialogKeepsTheClip(FxRobot robot) throws TimeoutException {
        robot.clickOn("Library");
        @SuppressWarnings("unchecked")
        TableView<LibraryClip> table = robot.lookup("#library-table").queryAs(TableView.class);
        waitUntil(10, () -> table.getItems().size() == 2);
        robot.clickOn("calm piano in D minor");
        robot.type(KeyCode.DELETE);
        DialogPane dialog = robot.lookup("#delete-dialog").queryAs(DialogPane.class);
        robot.clickOn((Node) dialog.lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.exists(piano));
        assertEquals(2, table.getItems().size());
    }

    @Test
    void helpOpensWithF1AndTheButtonAndClosesWithEscape(FxRobot robot) {
        Node help = robot.lookup("#help-panel").query();
        assertFalse(help.isVisible());
        robot.type(KeyCode.F1);
        assertTrue(help.isVisible());
        assertTrue(robot.lookup("Ctrl+Enter").tryQuery().isPresent(), "the shortcuts are listed");
        robot.type(KeyCode.ESCAPE);
        assertFalse(help.isVisible());
        robot.clickOn("#help-button");
        assertTrue(help.isVisible());
        robot.clickOn("#help-close");
        assertFalse(help.isVisible());
    }

    @Test
    void shortcutsSwitchViewsAndTheNoAudioNoticeIsShown(FxRobot robot) throws TimeoutException {
        TabPane tabs = robot.lookup("#view-tabs").queryAs(TabPane.class);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitUntil(5, () -> tabs.getSelectionModel().getSelectedItem().getText().equals("Dependence"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        waitUntil(5, () -> tabs.getSelectionModel().getSelectedItem().getText().equals("Generate"));
        Node banner = robot.lookup("#no-audio-banner").query();
        assertTrue(banner.isVisible());
        assertTrue(robot.lookup("#no-audio-banner .label").queryAs(Label.class).getText().contains("No audio device"));
    }

    @Test
    void settingsAreSavedWithTheWindowSize(FxRobot robot) throws Exception {
        Stage stage = (Stage) robot.lookup("#view-tabs").query().getScene().getWindow();
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(1100);
            stage.setHeight(700);
            window.saveSettings(stage);
        }).get();
        SettingsStore again = new SettingsStore(home);
        assertEquals(1100, again.current().windowWidth());
        assertEquals(700, again.current().windowHeight());
    }

    @Test
    void generateStartsWithTheRememberedSamplingAndRemembersChangesAndTheDefaultsButton(FxRobot robot)
            throws Exception {
        @SuppressWarnings("unchecked")
        Spinner<Double> cfg = robot.lookup("#cfg").queryAs(Spinner.class);
        @SuppressWarnings("unchecked")
        Spinner<Double> duration = robot.lookup("#duration").queryAs(Spinner.class);
        assertEquals(2.5, cfg.getValue(), "the remembered guidance, not the old file's 3");
        assertEquals(6.0, duration.getValue());
        Stage stage = (Stage) cfg.getScene().getWindow();

        WaitForAsyncUtils.asyncFx(() -> {
            cfg.getValueFactory().setValue(4.0);
            window.saveSettings(stage);
        }).get();
        StudioSettings.Sampling saved = new SettingsStore(home).current().sampling();
        assertEquals(new StudioSettings.Sampling(6, 100, 0, 0.9, 4, 1.5, 2), saved);

        WaitForAsyncUtils.asyncFx(() -> {
            robot.lookup("#sampling-defaults").queryButton().fire();
            window.saveSettings(stage);
        }).get();
        assertEquals(GenerationParams.DEFAULT_CFG_SCALE, cfg.getValue());
        assertEquals(GenerationParams.DEFAULT_DURATION_SECONDS, duration.getValue());
        assertNull(new SettingsStore(home).current().sampling(),
                "the defaults are stored as none, so a newer studio's defaults reach this user");
    }
}
