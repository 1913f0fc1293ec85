package studio.codebook.ui.startup;

import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import studio.codebook.ui.shell.MainWindow;

/** The small window of a first start: what is happening, why only now, and a progress bar. */
public final class StartupSplash {

    /** The application icon, also used by the main window. */
    public static final String ICON = "/studio/codebook/ui/icon.png";

    private final Stage stage = new Stage(StageStyle.UNDECORATED);
    private final ProgressBar bar = new ProgressBar(0);
    private final Label detail = new Label("Starting…");

    public StartupSplash() {
        Label title = new Label("Preparing the audio engine (first start only)…");
        title.setId("splash-title");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label why = new Label("Codebook Studio unpacks its PyTorch library once.\nLater starts skip this step.");
        why.getStyleClass().add("muted");
        why.setWrapText(true);
        bar.setId("splash-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        detail.setId("splash-detail");
        detail.getStyleClass().add("muted");

        ImageView icon = new ImageView(new Image(Objects.requireNonNull(StartupSplash.class.getResource(ICON), ICON)
                .toExternalForm(), 56, 56, true, true));
        VBox text = new VBox(8, title, why, bar, detail);
        text.setFillWidth(true);
        HBox root = new HBox(18, icon, text);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(22, 26, 22, 22));
        root.getStyleClass().add("studio-root");
        root.setStyle("-fx-border-color: -studio-accent; -fx-border-width: 1;");
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);

        Scene scene = new Scene(root, 540, 160);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource(MainWindow.STYLESHEET))
                .toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Codebook Studio");
        stage.getIcons().add(new Image(Objects.requireNonNull(StartupSplash.class.getResource(ICON)).toExternalForm()));
    }

    public void show() {
        stage.centerOnScreen();
        stage.show();
    }

    /** Shows progress: {@code fraction} 0..1, or negative for "busy, no measure". */
    public void progress(double fraction, String message) {
        bar.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
        detail.setText(message);
    }

    public void close() {
        stage.close();
    }

    /** The window, for tests and screenshots. */
    public Stage stage() {
        return stage;
    }
}
