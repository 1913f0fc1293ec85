package studio.codebook.ui.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.TextInputControlMatchers;
import org.testfx.util.WaitForAsyncUtils;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.FxWait;
import studio.codebook.ui.common.RecordingPlayback;

/**
 * Drives the Fine-tune view headless (Monocle): the folder is set programmatically (the native chooser
 * cannot be driven), Start is clicked, and the view says the model was created.
 */
@ExtendWith(ApplicationExtension.class)
class FineTuneViewTest {

    @TempDir
    static Path dir;

    private FxTaskExecutor executor;
    private FineTuneViewModel vm;
    private Stage stage;
    private final List<Path> created = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path base = FineTuneFixture.tinyModel(dir);
        executor = new FxTaskExecutor(2);
        vm = new FineTuneViewModel(executor, new SimpleObjectProperty<>(base), dir.resolve("data/models"),
                created::add, new RecordingPlayback(true));
        stage.setScene(new Scene(new FineTuneView(vm), 1280, 800));
        stage.show();
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void fineTunesAFolderAndSaysTheModelWasCreated(FxRobot robot) throws Exception {
        Path tracks = FineTuneFixture.tracks(dir);
        robot.interact(() -> {
            FineTuneFixture.quickSettings(vm, "fx-tuned");
            vm.table().scan(tracks);
        });
        FxWait.until(30, () -> !vm.table().scanningProperty().get()
                && vm.table().tracks().size() == 3);
        TableView<?> table = robot.lookup("#tracks").queryTableView();
        assertEquals(3, table.getItems().size());

        // steps typed into the settings sheet (the other quick settings were set above)
        robot.interact(() -> vm.settings().stepsProperty().set(1000));
        TextField steps = robot.lookup("#settings .text-field").match(TextInputControlMatchers.hasText("1000"))
                .queryAs(TextField.class);
        robot.clickOn(steps).eraseText(4).write("5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, vm.settings().stepsProperty().get());

        robot.clickOn("#start");
        FxWait.until(90, () -> !vm.trainingProperty().get()
                && message(robot).contains("created"));

        assertTrue(message(robot).contains("fx-tuned"), message(robot));
        assertEquals(List.of(dir.resolve("data/models/fx-tuned")), created);
        assertTrue(Files.isRegularFile(created.get(0).resolve("model.json")));
        assertFalse(robot.lookup("#compare").queryButton().isDisabled());
        assertFalse(robot.lookup("#start").queryButton().isDisabled());
        // the charts drew the losses and the validation measurements
        assertFalse(robot.lookup("#lossChart").queryAs(LineChart.class).getData().isEmpty());
        assertFalse(robot.lookup("#validationChart").queryAs(LineChart.class).getData().isEmpty());

        robot.clickOn("#compare");
        FxWait.until(30, () -> robot.lookup("#comparisonText").queryAs(Label.class)
                .getText().contains("SI-SNR"));
        assertFalse(robot.lookup("#after").queryButton().isDisabled());
        screenshot(robot);
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#message").queryAs(Label.class).getText();
    }

    /** target/screenshots/fine-tune.png, to look at the view after a run. */
    private void screenshot(FxRobot robot) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve("fine-tune.png").toFile());
    }
}
