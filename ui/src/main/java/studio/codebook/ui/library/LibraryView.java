package studio.codebook.ui.library;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GenerationParams;

/**
 * The Library: a searchable table of every generated clip with play, regenerate, reveal and delete.
 * Binds to a {@link LibraryViewModel}; holds no state of its own.
 */
public final class LibraryView extends BorderPane {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final LibraryViewModel model;
    private final TextField search = new TextField();
    private final TableView<LibraryClip> table = new TableView<>();

    public LibraryView(LibraryViewModel model) {
        this.model = model;
        getStyleClass().add("library-view");
        setTop(toolbar());
        setCenter(table());
        setBottom(footer());
    }

    /** Puts the cursor in the search field (Ctrl+F). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Asks, then deletes the selected clip (the Delete key). */
    public void deleteSelected() {
        LibraryClip clip = model.selected().get();
        if (clip != null && confirmDelete(clip)) {
            model.delete(clip);
        }
    }

    public LibraryViewModel viewModel() {
        return model;
    }

    private HBox toolbar() {
        search.setId("library-search");
        search.setPromptText("Search prompts, models, files…");
        search.setTooltip(new Tooltip("All words must appear in the prompt, negative prompt, model or file name (Ctrl+F)"));
        search.textProperty().bindBidirectional(model.search());
        HBox.setHgrow(search, Priority.ALWAYS);

        ComboBox<String> models = new ComboBox<>(model.models());
        models.setId("library-model");
        models.valueProperty().bindBidirectional(model.model());
        models.setTooltip(new Tooltip("Only clips made with this model"));

        DatePicker from = new DatePicker();
        from.setId("library-from");
        from.setPromptText("from");
        from.setPrefWidth(130);
        from.valueProperty().bindBidirectional(model.from());
        from.setTooltip(new Tooltip("Only clips made on or after this day"));
        DatePicker to = new DatePicker();
        to.setId("library-to");
        to.setPromptText("to");
        to.setPrefWidth(130);
        to.valueProperty().bindBidirectional(model.to());
        to.setTooltip(new Tooltip("Only clips made on or before this day"));

        Button refresh = new Button("Refresh");
        refresh.setId("library-refresh");
        refresh.setTooltip(new Tooltip("Read the library folder again"));
        refresh.setOnAction(e -> model.refresh());
        refresh.disableProperty().bind(model.busy());

        HBox bar = new HBox(8, search, models, from, to, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 10, 12));
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private TableView<LibraryClip> table() {
        table.setId("library-table");
        table.setItems(model.shown());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No clips yet. Generated clips appear here, with their prompt, seed and settings."));

        TableColumn<LibraryClip, String> prompt = column("Prompt", 380, c -> c.prompt().isEmpty()
                ? (c.record() == null ? "(" + c.wav().getFileName() + ")" : "(no prompt)") : c.prompt());
        prompt.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                LibraryClip clip = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                getStyleClass().remove("clip-warning");
                setTooltip(null);
                if (clip != null && clip.warning() != null) {
                    getStyleClass().add("clip-warning");
                    setText("⚠ " + text);
                    setTooltip(new Tooltip(clip.warning()));
                } else if (clip != null) {
                    setTooltip(new Tooltip(text));
                }
            }
        });
        TableColumn<LibraryClip, String> seed = column("Seed", 110, c -> c.seed() == null ? "" : c.seed().toString());
        TableColumn<LibraryClip, String> params = column("Settings", 230, LibraryClip::paramsSummary);
        TableColumn<LibraryClip, String> modelId = column("Model", 140, LibraryClip::modelId);
        TableColumn<LibraryClip, String> date = column("Made", 130, c -> DATE.format(c.created()));
        date.setComparator(String::compareTo);
        TableColumn<LibraryClip, Double> duration = new TableColumn<>("Length");
        duration.setPrefWidth(70);
        duration.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().durationSeconds()));
        duration.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v.isNaN() ? null : String.format("%.1f s", v));
            }
        });
        duration.getStyleClass().add("numeric");
        seed.getStyleClass().add("numeric");
        table.getColumns().setAll(java.util.List.of(prompt, seed, params, modelId, date, duration));

        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.selected().set(b));
        model.selected().addListener((o, a, b) -> {
            if (b != table.getSelectionModel().getSelectedItem()) {
                if (b == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(b);
                }
            }
        });
        table.setRowFactory(t -> {
            TableRow<LibraryClip> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.play(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                deleteSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                model.play(model.selected().get());
                e.consume();
            }
        });
        return table;
    }

    private static TableColumn<LibraryClip, String> column(String title, double width,
            java.util.function.Function<LibraryClip, String> value) {
        TableColumn<LibraryClip, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private VBox footer() {
        Button play = new Button("▶ Play");
        play.setId("library-play");
        play.setTooltip(new Tooltip(model.playbackAvailable() ? "Play the selected clip; again to pause (Enter, or double-click a row)"
                : "No audio device: clips cannot be played here"));
        play.setOnAction(e -> model.play(model.selected().get()));
        play.textProperty().bind(Bindings.when(model.selectedIsPlaying()).then("⏸ Pause").otherwise("▶ Play"));
        Button regenerate = new Button("↻ Regenerate");
        regenerate.setId("library-regenerate");
        regenerate.setTooltip(new Tooltip("Open Generate with this clip's prompt, seed and settings"));
        regenerate.setOnAction(e -> model.regenerate(model.selected().get()));
        Button reveal = new Button("Reveal in folder");
        reveal.setId("library-reveal");
        reveal.setTooltip(new Tooltip("Show the WAV file in the file manager"));
        reveal.setOnAction(e -> model.reveal(model.selected().get()));
        Button delete = new Button("Delete…");
        delete.setId("library-delete");
        delete.getStyleClass().add("danger");
        delete.setTooltip(new Tooltip("Delete the clip's WAV and its sidecar (Delete)"));
        delete.setOnAction(e -> deleteSelected());
        for (Button b : new Button[] {play, regenerate, reveal, delete}) {
            b.disableProperty().bind(model.selected().isNull());
        }
        play.disableProperty().unbind();
        play.disableProperty().bind(model.selected().isNull().or(
                Bindings.createBooleanBinding(() -> !model.playbackAvailable())));

        Label details = new Label();
        details.setId("library-details");
        details.getStyleClass().add("details");
        details.setWrapText(true);
        details.textProperty().bind(Bindings.createStringBinding(() -> describe(model.selected().get()),
                model.selected()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label message = new Label();
        message.setId("library-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.message());
        HBox actions = new HBox(8, play, regenerate, reveal, delete, spacer, message);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, details, actions);
        box.setPadding(new Insets(10, 12, 12, 12));
        box.getStyleClass().add("view-footer");
        return box;
    }

    static String describe(LibraryClip clip) {
        if (clip == null) {
            return "Select a clip to see how it was made.";
        }
        ClipRecord r = clip.record();
        if (r == null) {
            return clip.wav() + "\n⚠ " + clip.warning();
        }
        GenerationParams p = r.params();
        StringBuilder s = new StringBuilder();
        s.append('"').append(p == null ? "" : p.prompt()).append('"');
        if (p != null && !p.negativePrompt().isEmpty()) {
            s.append("  ·  negative: \"").append(p.negativePrompt()).append('"');
        }
        s.append("\nseed ").append(r.seed());
        if (r.variant() > 0) {
            s.append(" (variant ").append(r.variant()).append(')');
        }
        s.append("  ·  ").append(clip.paramsSummary());
        s.append(String.format("  ·  %.1f s at %d Hz", r.durationSeconds(), r.sampleRate()));
        s.append("  ·  model ").append(r.modelId());
        if (r.continuedFrom() != null) {
            s.append("  ·  continues ").append(r.continuedFrom());
        }
        if (r.timings() != null) {
            s.append(String.format("  ·  %.0f steps/s", r.timings().stepsPerSecond()));
        }
        s.append('\n').append(clip.wav());
        return s.toString();
    }

    private boolean confirmDelete(LibraryClip clip) {
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", delete, ButtonType.CANCEL);
        alert.setTitle("Delete clip");
        alert.setHeaderText("Delete this clip?");
        alert.setContentText((clip.prompt().isEmpty() ? clip.wav().getFileName().toString() : "\"" + clip.prompt() + "\"")
                + "\n\nThe WAV file and its sidecar are removed from " + clip.wav().getParent() + ".");
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
            alert.getDialogPane().getStylesheets().setAll(getScene().getStylesheets());
        }
        alert.getDialogPane().setId("delete-dialog");
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == delete;
    }
}
