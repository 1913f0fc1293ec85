package studio.codebook.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.ui.audio.LinePlayback;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.SettingsStore;
import studio.codebook.ui.common.StudioContext;
import studio.codebook.ui.common.StudioSettings;
import studio.codebook.ui.library.LibraryView;
import studio.codebook.ui.library.LibraryViewModel;
import studio.codebook.ui.shell.MainWindow;
import studio.codebook.ui.shell.StudioView;

/**
 * The desktop application: builds the {@link StudioContext} (settings from the user's data folder, two
 * worker threads, the sound card), the window and its views, restores the window size and the last
 * model, and saves the settings on close.
 */
public class StudioApplication extends Application {

    private StudioContext context;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        SettingsStore settings = SettingsStore.atDefaultHome();
        context = StudioContext.create(settings, new FxTaskExecutor(2), LinePlayback.forSystem());
        window = createWindow(context);
        StudioSettings s = settings.current();
        stage.setTitle("Codebook Studio");
        stage.setScene(window.createScene(s.windowWidth(), s.windowHeight()));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> window.saveSettings(stage));
        stage.show();
        window.start();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        if (context != null) {
            context.close();
        }
    }

    /**
     * The window with every view, over the given context (tests pass a temporary data folder and a
     * same-thread or FX executor). Call {@link MainWindow#createScene} and {@link MainWindow#start} next.
     */
    public static MainWindow createWindow(StudioContext context) {
        MainWindow window = new MainWindow(context);

        LibraryViewModel library = new LibraryViewModel(context.library(), context.tasks(), context.playback(),
                context.selectedClip(), record -> regenerate(window, record), Platform::runLater);
        LibraryView libraryView = new LibraryView(library);
        window.setView(StudioView.LIBRARY, libraryView);
        window.onShown(StudioView.LIBRARY, library::refresh);
        window.addShortcut(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            window.select(StudioView.LIBRARY);
            libraryView.focusSearch();
        });
        library.refresh();

        // The Generate, Inspect, Dependence and Fine-tune views are built on their own branches and are
        // wired in here when they are merged.
        window.setView(StudioView.GENERATE, pending("Generate"));
        window.setView(StudioView.INSPECT, pending("Inspect"));
        window.setView(StudioView.DEPENDENCE, pending("Dependence"));
        window.setView(StudioView.FINETUNE, pending("Fine-tune"));
        return window;
    }

    /** Library → Generate with a clip's settings (the Generate view model takes the record once merged). */
    private static void regenerate(MainWindow window, ClipRecord record) {
        window.select(StudioView.GENERATE);
    }

    private static Node pending(String view) {
        Label label = new Label("The " + view + " view is not part of this build yet.");
        label.getStyleClass().add("muted");
        StackPane box = new StackPane(label);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** For a quick look without the app module: {@code StudioApplication.main}. */
    public static void main(String[] args) {
        launch(args);
    }
}
