package studio.codebook.ui.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import studio.codebook.ui.common.StudioContext;

/**
 * The studio's window content: the model bar on top, notices (no audio device, unreadable settings), a
 * tab per view, the status bar, and the help panel over everything. Views are given as nodes
 * ({@link #setView}); the window owns the shortcuts that switch views and show help.
 */
public final class MainWindow {

    /** The dark theme. */
    public static final String STYLESHEET = "/studio/codebook/ui/studio.css";

    private final StudioContext context;
    private final BorderPane root = new BorderPane();
    private final StackPane layers;
    private final TabPane tabs = new TabPane();
    private final Map<StudioView, Tab> tabByView = new EnumMap<>(StudioView.class);
    private final HelpPanel help;
    private final ModelBar modelBar;
    private final VBox notices = new VBox();
    private final Map<KeyCombination, Runnable> shortcuts = new java.util.LinkedHashMap<>();

    public MainWindow(StudioContext context) {
        this.context = Objects.requireNonNull(context, "context");
        root.getStyleClass().add("studio-root");
        modelBar = new ModelBar(context.models(), this::toggleHelp);

        tabs.setId("view-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        int n = 1;
        for (StudioView view : StudioView.values()) {
            Tab tab = new Tab(view.title());
            tab.setId("tab-" + view.name().toLowerCase(java.util.Locale.ROOT));
            tab.setTooltip(new Tooltip(view.description() + " (Ctrl+" + n++ + ")"));
            Label pending = new Label(view.title());
            pending.getStyleClass().add("muted");
            tab.setContent(pending);
            tabs.getTabs().add(tab);
            tabByView.put(view, tab);
        }

        notices.setId("notices");
        if (!context.playback().available()) {
            notices.getChildren().add(banner("no-audio-banner", "🔇  " + context.playback().unavailableReason()));
        }
        context.settings().notice().ifPresent(text -> notices.getChildren().add(banner("settings-banner", text)));

        root.setTop(new VBox(modelBar, notices));
        root.setCenter(tabs);
        root.setBottom(new StatusBar(context.tasks(), context.models()));

        help = new HelpPanel(this::hideHelp);
        help.setVisible(false);
        layers = new StackPane(root, help);

        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        n = 0;
        for (StudioView view : StudioView.values()) {
            KeyCode digit = digits[n++];
            shortcuts.put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> select(view));
        }
        shortcuts.put(new KeyCodeCombination(KeyCode.F1), this::toggleHelp);
    }

    /** Puts a view's content in its tab. */
    public void setView(StudioView view, Node content) {
        tabByView.get(view).setContent(Objects.requireNonNull(content));
    }

    /** Adds (or replaces) a window-wide shortcut, e.g. Ctrl+Enter for Generate. Call before {@link #createScene}. */
    public void addShortcut(KeyCombination keys, Runnable action) {
        shortcuts.put(keys, action);
    }

    /** Runs {@code action} whenever the view's tab is selected (e.g. the library re-reads its folder). */
    public void onShown(StudioView view, Runnable action) {
        tabByView.get(view).selectedProperty().addListener((o, a, b) -> {
            if (b) {
                action.run();
            }
        });
    }

    /** The scene at the given size, with the theme and the shortcuts. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(layers, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource(STYLESHEET), STYLESHEET)
                .toExternalForm());
        shortcuts.forEach((keys, action) -> scene.getAccelerators().put(keys, action));
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && help.isVisible()) {
                hideHelp();
                e.consume();
            }
        });
        return scene;
    }

    /**
     * Starts what the window shows from the outside world: the device detection, the model list and the
     * last model (or the bundled one).
     */
    public void start() {
        context.models().currentEntry().addListener((o, a, b) -> {
            if (b != null) {
                context.settings().update(s -> s.withLastModel(b.folder().toString()));
            }
        });
        context.models().detectDevice();
        String last = context.settings().current().lastModel();
        context.models().refreshAndLoad(last == null ? null : java.nio.file.Path.of(last));
    }

    /** Remembers the window size (and the rest of the settings) on disk. */
    public void saveSettings(Stage stage) {
        if (stage != null && !stage.isMaximized() && !stage.isIconified()) {
            context.settings().update(s -> s.withWindowSize(stage.getWidth(), stage.getHeight()));
        }
        try {
            context.settings().save();
        } catch (java.io.IOException e) {
            System.getLogger(MainWindow.class.getName()).log(System.Logger.Level.WARNING,
                    "could not save the settings: " + e.getMessage());
        }
    }

    /** Stops timers. */
    public void dispose() {
        modelBar.dispose();
    }

    public void select(StudioView view) {
        tabs.getSelectionModel().select(tabByView.get(view));
    }

    public StudioView selected() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        return tabByView.entrySet().stream().filter(e -> e.getValue() == tab).map(Map.Entry::getKey).findFirst()
                .orElse(StudioView.GENERATE);
    }

    public void toggleHelp() {
        if (help.isVisible()) {
            hideHelp();
        } else {
            help.setVisible(true);
            help.requestFocus();
        }
    }

    public void hideHelp() {
        help.setVisible(false);
    }

    public boolean helpShown() {
        return help.isVisible();
    }

    /** The whole window content (the scene's root). */
    public Parent root() {
        return layers;
    }

    public StudioContext context() {
        return context;
    }

    /** Adds a dismissible notice under the top bar. */
    public void showNotice(String id, String text) {
        notices.getChildren().add(banner(id, text));
    }

    private HBox banner(String id, String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button dismiss = new Button("✕");
        dismiss.getStyleClass().add("flat");
        dismiss.setTooltip(new Tooltip("Hide this notice"));
        HBox box = new HBox(10, label, spacer, dismiss);
        box.setId(id);
        box.getStyleClass().add("notice-banner");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8, 12, 8, 14));
        dismiss.setOnAction(e -> notices.getChildren().remove(box));
        return box;
    }
}
