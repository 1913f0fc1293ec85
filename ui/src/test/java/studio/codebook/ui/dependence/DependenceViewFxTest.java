package studio.codebook.ui.dependence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.RadioButton;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.controls.HeatmapCell;
import studio.codebook.ui.controls.HeatmapLayout;
import studio.codebook.ui.controls.HeatmapView;
import studio.codebook.ui.inspect.InspectFixtures;
import studio.codebook.ui.common.RecordingPlayback;
import studio.codebook.ui.inspect.ViewScreenshots;

@ExtendWith(ApplicationExtension.class)
class DependenceViewFxTest {

    private static MusicModel model;
    private static Path clip;
    private static Path modelB;

    private final SimpleObjectProperty<Path> selected = new SimpleObjectProperty<>();
    private FxTaskExecutor executor;
    private DependenceViewModel vm;
    private DependenceView view;

    @BeforeAll
    static void model() throws Exception {
        model = InspectFixtures.tinyModel(3);
        Path dir = Files.createTempDirectory("dependence-fx");
        clip = InspectFixtures.writeClip(dir.resolve("clip.wav"), 2.0, 0);
        modelB = dir.resolve("model-b");
        try (MusicModel b = InspectFixtures.tinyModel(11)) {
            b.saveTo(modelB);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(1);
        vm = new DependenceViewModel(executor, new SimpleObjectProperty<>(model), selected, new RecordingPlayback(true));
        view = new DependenceView(vm);
        view.setStyle(ViewScreenshots.DARK);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @Stop
    void stop() {
        executor.close();
        vm.dispose();
    }

    @Test
    void theHeatmapFillsForTheSelectedClipAndComparesTwoModels(FxRobot robot) throws Exception {
        robot.interact(() -> selected.set(clip));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.matrixAProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        HeatmapView heatmap = view.heatmapA();
        double[][] values = heatmap.getValues();
        assertEquals(4, values.length);
        assertCellsDrawn(heatmap);

        // the validation source is disabled, and says why
        RadioButton validation = robot.lookup("#validationSource").queryAs(RadioButton.class);
        assertTrue(validation.isDisabled());
        assertTrue(validation.getTooltip().getText().contains("not loaded from a folder"), validation.getTooltip().getText());

        // hovering a cell highlights it
        HeatmapLayout layout = WaitForAsyncUtils.asyncFx(heatmap::geometry).get();
        javafx.geometry.Point2D cell01 = WaitForAsyncUtils.asyncFx(() -> heatmap.localToScreen(
                layout.left() + 1.5 * layout.cellSize(), layout.top() + 0.5 * layout.cellSize())).get();
        robot.moveTo(cell01);
        WaitForAsyncUtils.waitForFxEvents();
        HeatmapCell hovered = heatmap.hoveredProperty().get();
        assertNotNull(hovered);
        assertEquals(0, hovered.row());
        assertEquals(1, hovered.column());
        assertEquals(values[0][1], hovered.value());

        // the delay alignment changes the matrix
        robot.clickOn("#delayAlignment");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !java.util.Arrays.deepEquals(values, heatmap.getValues()));

        // a second model: A, B and B − A side by side
        robot.interact(() -> vm.loadComparisonModel(modelB));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.differenceHeatmap().getValues() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.heatmapB().isVisible());
        assertCellsDrawn(view.heatmapB());
        assertCellsDrawn(view.differenceHeatmap());
        assertEquals(view.heatmapA().effectiveRange(), view.heatmapB().effectiveRange(), "A and B share one scale");
        WaitForAsyncUtils.asyncFx(() -> ViewScreenshots.save(view.getScene(), "dependence")).get();
    }

    /** The pixel near the corner of every cell has the colour its value maps to. */
    private static void assertCellsDrawn(HeatmapView heatmap) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> heatmap.snapshot(null, null)).get();
        HeatmapLayout layout = WaitForAsyncUtils.asyncFx(heatmap::geometry).get();
        double[][] values = heatmap.getValues();
        assertTrue(layout.cellSize() > 20, "cells of " + layout.cellSize() + " px");
        for (int k = 0; k < values.length; k++) {
            for (int l = 0; l < values.length; l++) {
                int x = (int) (layout.left() + l * layout.cellSize() + 3);
                int y = (int) (layout.top() + k * layout.cellSize() + 3);
                Color drawn = image.getPixelReader().getColor(x, y);
                Color expected = heatmap.colourOf(values[k][l]);
                assertEquals(expected.getRed(), drawn.getRed(), 0.02, "cell " + k + "," + l);
                assertEquals(expected.getGreen(), drawn.getGreen(), 0.02, "cell " + k + "," + l);
                assertEquals(expected.getBlue(), drawn.getBlue(), 0.02, "cell " + k + "," + l);
            }
        }
    }
}
