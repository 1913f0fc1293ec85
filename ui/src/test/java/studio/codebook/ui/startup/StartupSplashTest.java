package studio.codebook.ui.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class StartupSplashTest {

    private StartupSplash splash;

    @Start
    void start(Stage stage) {
        splash = new StartupSplash();
        splash.show();
    }

    @Test
    void showsTheMeasuredProgressThenBusyThenCloses(FxRobot robot) {
        Label title = robot.lookup("#splash-title").queryAs(Label.class);
        assertTrue(title.getText().contains("first start only"), title.getText());

        robot.interact(() -> splash.progress(0.25, "Unpacking PyTorch: 112 of 448 MB"));
        ProgressBar bar = robot.lookup("#splash-progress").queryAs(ProgressBar.class);
        assertEquals(0.25, bar.getProgress(), 1e-9);
        assertEquals("Unpacking PyTorch: 112 of 448 MB", robot.lookup("#splash-detail").queryAs(Label.class).getText());

        robot.interact(() -> splash.progress(-1, "Loading the engine…"));
        assertTrue(bar.isIndeterminate());

        robot.interact(splash::close);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(splash.stage().isShowing());
    }
}
