package studio.codebook.ui.shell;

import java.io.File;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import studio.codebook.engine.model.ModelFileException;
import studio.codebook.ui.common.ModelEntry;
import studio.codebook.ui.common.ModelService;

/**
 * The top bar: the model selector with its load progress, "Open…" for a model folder, Unload, the
 * compute device, the memory in use (every 2 s) and the help button.
 */
final class ModelBar extends HBox {

    private final ModelService models;
    private final ComboBox<ModelEntry> selector = new ComboBox<>();
    private final Label memory = new Label();
    private final Timeline memoryTimer;
    private boolean showingCurrent;

    ModelBar(ModelService models, Runnable help) {
        this.models = models;
        setId("top-bar");
        getStyleClass().add("top-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        Label brand = new Label("Codebook Studio");
        brand.getStyleClass().add("brand");

        Label modelLabel = new Label("Model");
        modelLabel.getStyleClass().add("muted");
        selector.setId("model-selector");
        selector.setItems(models.models());
        selector.setPrefWidth(260);
        selector.setPromptText("No model");
        selector.setTooltip(new Tooltip("The model that generates, encodes and decodes. Choosing one loads it."));
        selector.setCellFactory(l -> new EntryCell());
        selector.setButtonCell(new EntryCell());
        selector.valueProperty().addListener((o, a, b) -> {
            if (!showingCurrent && b != null && b != models.currentEntry().get() && b != models.loadingEntry().get()) {
                models.load(b);
            }
        });
        models.currentEntry().addListener((o, a, b) -> showCurrent());
        models.loadingEntry().addListener((o, a, b) -> showCurrent());
        models.models().addListener((javafx.collections.ListChangeListener<ModelEntry>) c -> showCurrent());

        ProgressIndicator loading = new ProgressIndicator(-1);
        loading.setId("model-loading");
        loading.getStyleClass().add("small-spinner");
        loading.setPrefSize(18, 18);
        loading.setMaxSize(18, 18);
        loading.visibleProperty().bind(models.loading());
        loading.managedProperty().bind(models.loading());
        loading.setTooltip(new Tooltip("Loading the model…"));

        Button open = new Button("Open…");
        open.setId("model-open");
        open.setTooltip(new Tooltip("Add a model folder (one with a model.json) to the list and load it"));
        open.setOnAction(e -> openFolder());

        Button unload = new Button("Unload");
        unload.setId("model-unload");
        unload.setTooltip(new Tooltip("Free the model's memory; choose a model again to reload it"));
        unload.disableProperty().bind(models.current().isNull().and(models.loading().not()));
        unload.setOnAction(e -> models.unload());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label device = new Label();
        device.setId("device-label");
        device.getStyleClass().add("chip");
        device.textProperty().bind(Bindings.createStringBinding(() -> models.device().get() == null
                ? "Device: starting…" : models.device().get().description(), models.device()));
        device.setTooltip(new Tooltip("Where the model computes: the GPU when PyTorch sees one, else the CPU"));

        memory.setId("memory-label");
        memory.getStyleClass().add("chip");
        memory.setTooltip(new Tooltip("Memory in use by the studio: resident set (with the model's native "
                + "tensors) and Java heap. Unload the model to free most of it."));
        refreshMemory();
        memoryTimer = new Timeline(new KeyFrame(Duration.seconds(2), e -> refreshMemory()));
        memoryTimer.setCycleCount(Timeline.INDEFINITE);
        memoryTimer.play();

        Button helpButton = new Button("?");
        helpButton.setId("help-button");
        helpButton.getStyleClass().add("round");
        helpButton.setTooltip(new Tooltip("Keyboard shortcuts and help (F1)"));
        helpButton.setOnAction(e -> help.run());

        getChildren().addAll(brand, modelLabel, selector, loading, open, unload, spacer, device, memory, helpButton);
    }

    /** Stops the memory timer. */
    void dispose() {
        memoryTimer.stop();
    }

    void refreshMemory() {
        memory.setText(models.memory().describe());
    }

    private void showCurrent() {
        ModelEntry shown = models.loadingEntry().get() != null ? models.loadingEntry().get() : models.currentEntry().get();
        showingCurrent = true;
        try {
            selector.setValue(shown);
        } finally {
            showingCurrent = false;
        }
    }

    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a model folder (with model.json)");
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir == null) {
            return;
        }
        try {
            models.load(models.add(dir.toPath()));
        } catch (ModelFileException e) {
            StatusBar.flash(this, e.getMessage());
        }
    }

    private static final class EntryCell extends ListCell<ModelEntry> {
        @Override
        protected void updateItem(ModelEntry item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
            setTooltip(empty || item == null ? null : new Tooltip(item.folder().toString()));
        }
    }
}
