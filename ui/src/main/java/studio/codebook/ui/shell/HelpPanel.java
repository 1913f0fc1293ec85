package studio.codebook.ui.shell;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The keyboard shortcuts and a few words on each view, shown over the window (F1 or "?"; Esc closes). */
public final class HelpPanel extends StackPane {

    /** The studio's shortcuts; views handle the ones that act on their own content. */
    public static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Ctrl+Enter", "Generate from the prompt"),
            new Shortcut("Space", "Play or pause the clip (when not typing)"),
            new Shortcut("Ctrl+1 … Ctrl+5", "Switch to a view, in tab order"),
            new Shortcut("Ctrl+F", "Search the library"),
            new Shortcut("Delete", "Delete the selected clip (asks first)"),
            new Shortcut("Enter", "Play the selected library clip (or double-click it)"),
            new Shortcut("F1", "Show or hide this help"),
            new Shortcut("B", "Inspect: switch between A (original) and B (first k codebooks)"),
            new Shortcut("+  −", "Inspect: zoom the token rows in and out"),
            new Shortcut("Esc", "Cancel the generation; close this help"));

    public HelpPanel(Runnable close) {
        setId("help-panel");
        getStyleClass().add("help-scrim");
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button closeButton = new Button("✕");
        closeButton.setId("help-close");
        closeButton.getStyleClass().add("flat");
        closeButton.setOnAction(e -> close.run());
        HBox head = new HBox(title, spacer, closeButton);
        head.setAlignment(Pos.CENTER_LEFT);

        GridPane keys = new GridPane();
        keys.setHgap(18);
        keys.setVgap(8);
        int row = 0;
        for (Shortcut s : SHORTCUTS) {
            Label k = new Label(s.keys());
            k.getStyleClass().add("key");
            k.setMinWidth(Region.USE_PREF_SIZE);
            keys.addRow(row++, k, new Label(s.action()));
        }

        Label viewsTitle = new Label("Views");
        viewsTitle.getStyleClass().add("help-subtitle");
        GridPane views = new GridPane();
        views.setHgap(18);
        views.setVgap(6);
        row = 0;
        for (StudioView v : StudioView.values()) {
            Label name = new Label(v.title());
            name.getStyleClass().add("strong");
            views.addRow(row++, name, new Label(v.description()));
        }
        Label hint = new Label("Hover over a control for a tip on what it does.");
        hint.getStyleClass().add("muted");

        VBox card = new VBox(14, head, keys, viewsTitle, views, hint);
        card.getStyleClass().add("help-card");
        card.setPadding(new Insets(20, 24, 20, 24));
        card.setMaxSize(620, Region.USE_PREF_SIZE);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                close.run();
            }
        });
    }
}
