package studio.codebook.ui.generate;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import studio.codebook.ui.controls.WaveformView;

/**
 * One variant's card: title, seed and status; the waveform (filling as audio streams in) with its
 * playhead and selection; play/pause, loop, the time, an export menu, and a handle to drag the stored WAV
 * out of the window.
 */
final class VariantCard extends VBox {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final VariantViewModel variant;
    private final WaveformView waveform = new WaveformView();

    VariantCard(GenerateViewModel vm, VariantViewModel v) {
        this.variant = v;
        getStyleClass().add("variant-card");
        setSpacing(6);
        setPadding(new Insets(10));

        Label title = new Label(v.title());
        title.getStyleClass().add("variant-title");
        Label seed = new Label("seed " + v.seed());
        seed.getStyleClass().add("variant-seed");
        seed.setTooltip(new Tooltip("Put this seed in the seed field (locked) and generate one variant to make "
                + "this clip again"));
        Label status = new Label();
        status.textProperty().bind(v.statusProperty());
        status.getStyleClass().add("variant-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label drag = new Label("⇲ Drag WAV");
        drag.getStyleClass().add("drag-handle");
        drag.setTooltip(new Tooltip("Drag this clip out of the window as a WAV file: into a file manager or a DAW"));
        drag.disableProperty().bind(v.fileProperty().isNull());
        drag.setOnDragDetected(e -> dragOut(drag, v.file(), e));
        HBox header = new HBox(10, title, seed, status, spacer, drag);
        header.setAlignment(Pos.CENTER_LEFT);

        waveform.setData(v.audio());
        waveform.expectedSecondsProperty().set(v.expectedSeconds());
        waveform.playheadProperty().bind(v.playheadProperty());
        waveform.selectionStartProperty().bindBidirectional(v.selectionStartProperty());
        waveform.selectionEndProperty().bindBidirectional(v.selectionEndProperty());
        waveform.setPrefHeight(90);
        Tooltip.install(waveform, new Tooltip("Drag across the waveform to select a span; play then plays the span. "
                + "Click to clear the selection."));

        Button play = new Button();
        play.getStyleClass().add("play-button");
        play.textProperty().bind(Bindings.when(v.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        play.setOnAction(e -> vm.togglePlay(v));
        play.setMinWidth(90);
        // a disabled control shows no tooltip, so the reason goes on a wrapper
        StackPane playHolder = new StackPane(play);
        if (vm.playbackAvailable()) {
            play.setTooltip(new Tooltip("Play or pause this variant (Space plays/pauses the selected variant)"));
            play.disableProperty().bind(Bindings.createBooleanBinding(() -> v.audio().length() == 0,
                    v.audio().revision()));
        } else {
            play.setDisable(true);
            Tooltip.install(playHolder, new Tooltip("Playback is off: " + vm.playbackUnavailableReason()));
        }

        ToggleButton loop = new ToggleButton("⟲ Loop");
        loop.selectedProperty().bindBidirectional(v.loopProperty());
        loop.selectedProperty().addListener((obs, was, now) -> vm.loopChanged(v));
        loop.setTooltip(new Tooltip("Loop: start again at the beginning (or of the selection) at the end"));
        loop.setDisable(!vm.playbackAvailable());

        Label time = new Label();
        time.getStyleClass().add("variant-time");
        time.textProperty().bind(Bindings.createStringBinding(() -> {
            double total = Math.max(v.audio().durationSeconds(), v.expectedSeconds());
            double at = Math.max(0, v.playheadProperty().get());
            return clock(at) + " / " + clock(total);
        }, v.playheadProperty(), v.audio().revision()));

        MenuButton export = new MenuButton("Export");
        export.setTooltip(new Tooltip("Save this clip as WAV (16 or 24-bit) or FLAC, with the prompt, seed, settings "
                + "and model in the file's tags and in a JSON file beside it"));
        for (ExportFormat f : ExportFormat.values()) {
            MenuItem item = new MenuItem(f.label() + "…");
            item.setOnAction(e -> export(vm, f));
            export.getItems().add(item);
        }
        export.disableProperty().bind(v.stateProperty().isNotEqualTo(VariantViewModel.State.DONE));

        HBox controls = new HBox(8, playHolder, loop, time, new Region(), export);
        HBox.setHgrow(controls.getChildren().get(3), Priority.ALWAYS);
        controls.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(header, waveform, controls);
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.selectedProperty().set(v));
        vm.selectedProperty().addListener((obs, old, now) -> pseudoClassStateChanged(SELECTED, now == v));
        pseudoClassStateChanged(SELECTED, vm.selectedProperty().get() == v);
    }

    VariantViewModel variant() {
        return variant;
    }

    WaveformView waveform() {
        return waveform;
    }

    private void export(GenerateViewModel vm, ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + variant.title() + " as " + format.label());
        chooser.setInitialFileName(vm.suggestedExportName(variant, format));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), "*." + format.extension()));
        File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            Path target = chosen.toPath();
            if (!target.getFileName().toString().toLowerCase().endsWith("." + format.extension())) {
                target = target.resolveSibling(target.getFileName() + "." + format.extension());
            }
            vm.export(variant, target, format);
        }
    }

    private static void dragOut(Label source, Path file, MouseEvent e) {
        if (file == null) {
            return;
        }
        Dragboard db = source.startDragAndDrop(TransferMode.COPY);
        ClipboardContent content = new ClipboardContent();
        content.putFiles(List.of(file.toFile()));
        db.setContent(content);
        e.consume();
    }

    static String clock(double seconds) {
        int tenths = (int) Math.round(seconds * 10);
        return String.format("%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }
}
