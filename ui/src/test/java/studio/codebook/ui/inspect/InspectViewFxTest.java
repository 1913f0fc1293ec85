package studio.codebook.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
import studio.codebook.ui.controls.TokenCell;
import studio.codebook.ui.controls.TokenGrid;
import studio.codebook.ui.controls.TokenPalette;
import studio.codebook.ui.controls.TokenStreamLayout;
import studio.codebook.ui.controls.TokenStreamView;
import studio.codebook.ui.common.RecordingPlayback;

@ExtendWith(ApplicationExtension.class)
class InspectViewFxTest {

    private static MusicModel model;
    private static Path clip;

    private final SimpleObjectProperty<Path> selected = new SimpleObjectProperty<>();
    private final RecordingPlayback playback = new RecordingPlayback(true);
    private FxTaskExecutor executor;
    private InspectViewModel vm;
    private InspectView view;

    @BeforeAll
    static void model() throws Exception {
        model = InspectFixtures.tinyModel(3);
        Path dir = Files.createTempDirectory("inspect-fx");
        clip = InspectFixtures.writeClip(dir.resolve("drifting tones.wav"), 2.0, 0);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor(1);
        vm = new InspectViewModel(executor, new SimpleObjectProperty<>(model), selected, playback);
        view = new InspectView(vm);
        view.setStyle(ViewScreenshots.DARK);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @Stop
    void stop() {
        executor.close();
    }

    @Test
    void selectingAClipDrawsOneRowPerCodebookInTheTokensColours(FxRobot robot) throws Exception {
        robot.interact(() -> selected.set(clip));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.gridProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TokenStreamView streams = view.tokenStreamView();
        TokenGrid grid = streams.getGrid();
        assertNotNull(grid);
        assertEquals(4, grid.numRows());
        assertEquals(100, grid.numFrames());
        assertEquals(4, robot.lookup("#usagePane").queryAs(javafx.scene.layout.Pane.class).getChildren().size());

        // every row is drawn: the pixel at the middle of a cell has its token's colour
        TokenPalette palette = TokenPalette.of(grid.codebookSize());
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> streams.snapshot(null, null)).get();
        TokenStreamLayout layout = WaitForAsyncUtils.asyncFx(streams::geometry).get();
        for (int row = 0; row < 4; row++) {
            for (int frame : new int[] {0, 37, 99}) {
                double x = layout.xOf(frame + 0.5);
                double y = (row + 0.5) * layout.rowHeight();
                TokenCell cell = layout.hit(grid, x, y);
                assertEquals(frame, cell.frame());
                Color drawn = image.getPixelReader().getColor((int) x, (int) y);
                Color expected = palette.colour(cell.token());
                assertEquals(expected.getRed(), drawn.getRed(), 0.02, "row " + row + ", frame " + frame);
                assertEquals(expected.getGreen(), drawn.getGreen(), 0.02);
                assertEquals(expected.getBlue(), drawn.getBlue(), 0.02);
            }
        }

        // hovering names the token
        javafx.geometry.Point2D onScreen = WaitForAsyncUtils.asyncFx(
                () -> streams.localToScreen(layout.xOf(10.5), 1.5 * layout.rowHeight())).get();
        robot.moveTo(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        String hover = robot.lookup("#hoverLabel").queryAs(Label.class).getText();
        assertTrue(hover.startsWith("codebook 2, frame 10, 0.200 s, token "), hover);

        // the delay layout shifts the rows
        robot.clickOn("#delayToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(streams.getGrid().shifted());
        assertEquals(103, streams.getGrid().numColumns());
        WaitForAsyncUtils.asyncFx(() -> ViewScreenshots.save(view.getScene(), "inspect")).get();

        // dragging selects a span, and Play plays it
        javafx.geometry.Point2D from = WaitForAsyncUtils.asyncFx(() -> streams.localToScreen(layout.xOf(20), 10)).get();
        javafx.geometry.Point2D to = WaitForAsyncUtils.asyncFx(() -> streams.localToScreen(layout.xOf(60), 10)).get();
        robot.drag(from).moveTo(to).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(vm.selectionProperty().get());
        assertEquals(0.4, vm.selectionProperty().get().start(), 0.05);
        assertEquals(1.2, vm.selectionProperty().get().end(), 0.05);
        robot.clickOn("#playButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.4, playback.last().start(), 0.05);
        assertEquals(1.2, playback.last().end(), 0.05);
    }
}
