package studio.codebook.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.ModelEntry;
import studio.codebook.ui.common.PlaybackStream;
import studio.codebook.ui.dependence.DependenceView;
import studio.codebook.ui.dependence.DependenceViewModel;
import studio.codebook.ui.finetune.FineTuneView;
import studio.codebook.ui.finetune.FineTuneViewModel;
import studio.codebook.ui.generate.GenerateView;
import studio.codebook.ui.generate.GenerateViewModel;
import studio.codebook.ui.generate.StreamingOutput;
import studio.codebook.ui.inspect.InspectView;
import studio.codebook.ui.inspect.InspectViewModel;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import studio.codebook.ui.audio.LinePlayback;
import studio.codebook.ui.common.FxTaskExecutor;
import studio.codebook.ui.common.SettingsStore;
import studio.codebook.ui.common.StudioContext;
import studio.codebook.ui.common.StudioSettings;
import studio.codebook.ui.library.LibraryView;
import studio.codebook.ui.library.LibraryViewModel;
import studio.codebook.ui.shell.MainWindow;
import studio.codebook.ui.shell.StudioView;
import studio.codebook.ui.startup.EngineStart;
import studio.codebook.ui.startup.StartupSplash;

/**
 * The desktop application: builds the {@link StudioContext} (settings from the user's data folder, two
 * worker threads, the sound card), the window and its views, restores the window size and the last
 * model, and saves the settings on close.
 */
public class StudioApplication extends Application {

    private static final Logger LOG = Logger.getLogger(StudioApplication.class.getName());

    private StudioContext context;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        SettingsStore settings = SettingsStore.atDefaultHome();
        context = StudioContext.create(settings, new FxTaskExecutor(4), LinePlayback.forSystem());
        Optional<EngineStart> firstStart = EngineStart.ifFirstStart();
        if (firstStart.isEmpty()) {
            openWindow(stage);
            return;
        }
        // the first start unpacks PyTorch (~430 MB): a splash shows how far, then the window opens; if the
        // engine fails, the window opens anyway and its status bar says why
        StartupSplash splash = new StartupSplash();
        splash.show();
        context.tasks().execute(firstStart.get().task()
                .onProgress(splash::progress)
                .onFailure(e -> LOG.warning("the engine did not start: " + e))
                .onFinished(() -> {
                    openWindow(stage); // before closing the splash, or JavaFX exits with its last window
                    splash.close();
                }));
    }

    private void openWindow(Stage stage) {
        SettingsStore settings = context.settings();
        window = createWindow(context);
        StudioSettings s = settings.current();
        stage.setTitle("Codebook Studio");
        stage.getIcons().add(new Image(Objects.requireNonNull(StudioApplication.class.getResource(StartupSplash.ICON))
                .toExternalForm()));
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
        ObservableValue<MusicModel> model = context.models().current();

        // Generate first: the Library's "Regenerate" hands a clip's settings to it
        GenerateViewModel generate = new GenerateViewModel(context.tasks(), model, context.playback(),
                context.library());
        generate.setModelLeases(context.models()::lease);
        generate.setOnClipSelected(context.selectedClip()::set);
        generate.setStreamingOutput(StreamingOutput.of(context.playback()::openStream, PlaybackStream::append,
                PlaybackStream::finish));
        generate.prompt().history().restore(context.settings().current().promptHistory());
        generate.prompt().history().items().addListener((ListChangeListener<String>) change -> {
            List<String> items = List.copyOf(generate.prompt().history().items());
            context.settings().update(s -> {
                StudioSettings out = s;
                for (int i = items.size() - 1; i >= 0; i--) {
                    out = out.withPromptUsed(items.get(i));
                }
                return out;
            });
        });
        generate.sampling().restore(context.settings().current().samplingOrDefaults());
        generate.sampling().addListener(o ->
                context.settings().update(s -> s.withSampling(generate.sampling().chosen())));
        window.setView(StudioView.GENERATE, new GenerateView(generate));

        LibraryViewModel library = new LibraryViewModel(context.library(), context.tasks(), context.playback(),
                context.selectedClip(), record -> {
                    generate.load(record);
                    window.select(StudioView.GENERATE);
                }, Platform::runLater);
        LibraryView libraryView = new LibraryView(library);
        window.setView(StudioView.LIBRARY, libraryView);
        window.onShown(StudioView.LIBRARY, library::refresh);
        window.addShortcut(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            window.select(StudioView.LIBRARY);
            libraryView.focusSearch();
        });
        generate.setOnClipsSaved(saved -> library.refresh());
        library.refresh();

        InspectViewModel inspect = new InspectViewModel(context.tasks(), model, context.selectedClip(),
                context.playback());
        inspect.setModelLeases(context.models()::lease);
        window.setView(StudioView.INSPECT, new InspectView(inspect));

        DependenceViewModel dependence = new DependenceViewModel(context.tasks(), model, context.selectedClip(),
                context.playback());
        dependence.setModelLeases(context.models()::lease);
        window.setView(StudioView.DEPENDENCE, new DependenceView(dependence));

        ObservableValue<Path> baseFolder = context.models().currentEntry().map(ModelEntry::folder);
        FineTuneViewModel fineTune = new FineTuneViewModel(context.tasks(), baseFolder,
                context.settings().modelsFolder(), folder -> modelCreated(context, folder), context.playback());
        window.setView(StudioView.FINETUNE, new FineTuneView(fineTune));
        return window;
    }

    /** A fine-tuned model joins the model selector at once. */
    private static void modelCreated(StudioContext context, Path folder) {
        try {
            context.models().add(folder);
        } catch (ModelFileException e) {
            LOG.warning("the new model in " + folder + " cannot be listed: " + e.getMessage());
        }
    }

    /** For a quick look without the app module: {@code StudioApplication.main}. */
    public static void main(String[] args) {
        launch(args);
    }
}
