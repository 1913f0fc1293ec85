package studio.codebook.ui.finetune;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.controlsfx.control.PropertySheet;
import studio.codebook.training.loss.Alignment;

/**
 * The Fine-tune view: a folder bar, the track table beside the settings sheet, the run's buttons and
 * progress, the loss and validation charts, the before/after comparison, and a message line. Thin: every
 * decision is the {@link FineTuneViewModel}'s; this class only lays out controls and binds them.
 */
public final class FineTuneView extends BorderPane {

    private final FineTuneViewModel vm;

    public FineTuneView(FineTuneViewModel viewModel) {
        this.vm = viewModel;
        getStyleClass().add("fine-tune-view");
        SplitPane tracksAndSettings = new SplitPane(trackTable(), settingsSheet());
        tracksAndSettings.setOrientation(Orientation.HORIZONTAL);
        tracksAndSettings.setDividerPositions(0.64);
        // the table and the sheet scroll, so the charts below keep room for their legends
        tracksAndSettings.setMinHeight(140);
        VBox.setVgrow(tracksAndSettings, Priority.ALWAYS);
        VBox content = new VBox(8, folderBar(), tracksAndSettings, runBar(), charts(), comparisonBar());
        content.setPadding(new Insets(10));
        setCenter(content);
        setBottom(messageLine());
    }

    /** The view model this view shows (for tests and screenshots). */
    public FineTuneViewModel viewModel() {
        return vm;
    }

    private Node folderBar() {
        Button choose = new Button("Choose folder…");
        choose.setId("chooseFolder");
        choose.setTooltip(new Tooltip("A folder of your own tracks (WAV, FLAC, MP3, OGG); it is only read"));
        choose.setOnAction(e -> chooseFolder());
        choose.disableProperty().bind(vm.trainingProperty());
        Label folder = new Label();
        folder.setId("folder");
        folder.textProperty().bind(Bindings.createStringBinding(() -> vm.table().folderProperty().get() == null
                ? "No folder chosen" : vm.table().folderProperty().get().toString(), vm.table().folderProperty()));
        ProgressBar scan = new ProgressBar();
        scan.progressProperty().bind(vm.table().scanProgressProperty());
        scan.visibleProperty().bind(vm.table().scanningProperty());
        scan.managedProperty().bind(vm.table().scanningProperty());
        Button cancelScan = new Button("Cancel scan");
        cancelScan.setOnAction(e -> vm.table().cancelScan());
        cancelScan.visibleProperty().bind(vm.table().scanningProperty());
        cancelScan.managedProperty().bind(vm.table().scanningProperty());
        HBox bar = new HBox(8, choose, folder, scan, cancelScan);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder of your tracks");
        Path current = vm.table().folderProperty().get();
        if (current != null && Files.isDirectory(current)) {
            chooser.setInitialDirectory(current.toFile());
        }
        File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            vm.table().scan(chosen.toPath());
        }
    }

    private Node trackTable() {
        TableView<TrackRow> table = new TableView<>(vm.table().tracks());
        table.setId("tracks");
        table.setPlaceholder(new Label("Choose a folder of your tracks to fine-tune on."));
        table.editableProperty().bind(vm.trainingProperty().not());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<TrackRow, String> name = new TableColumn<>("Track");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()));
        name.setPrefWidth(160);
        TableColumn<TrackRow, Double> duration = new TableColumn<>("Duration");
        duration.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().durationSeconds()));
        duration.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double seconds, boolean empty) {
                super.updateItem(seconds, empty);
                setText(empty || seconds == null || seconds.isNaN() ? "" : minutesSeconds(seconds));
            }
        });
        duration.setPrefWidth(84);
        duration.setMinWidth(84); // "Duration" in full
        TableColumn<TrackRow, String> caption = new TableColumn<>("Caption");
        caption.setCellValueFactory(c -> c.getValue().captionProperty());
        caption.setCellFactory(c -> new TextFieldTableCell<>(new javafx.util.converter.DefaultStringConverter()) {
            @Override
            public void startEdit() {
                TrackRow row = getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && row.usable()) {
                    super.startEdit();
                }
            }
        });
        caption.setOnEditCommit(e -> {
            if (!vm.table().editCaption(e.getRowValue(), e.getNewValue())) {
                table.refresh();
            }
        });
        caption.setEditable(true);
        caption.setPrefWidth(280);
        TableColumn<TrackRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().statusProperty());
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null ? null : new Tooltip(text));
            }
        });
        status.setPrefWidth(220);
        table.getColumns().addAll(List.of(name, duration, caption, status));
        return table;
    }

    static String minutesSeconds(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }

    private Node settingsSheet() {
        PropertySheet sheet = new PropertySheet();
        sheet.setId("settings");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY); // one category: one open pane, lines in this order
        sheet.setPropertyEditorFactory(new SettingEditors());
        sheet.getItems().setAll(List.of(
                SettingItem.readOnly("Fine-tune settings", "Base model", "The model selected in the window: training starts"
                        + " from its weights", String.class, vm.settings().baseModelNameProperty()),
                SettingItem.editable("Fine-tune settings", "New model name", "The new model's folder in the models folder;"
                        + " an existing model is never replaced", String.class, vm.settings().modelNameProperty()),
                SettingItem.editable("Fine-tune settings", "What to train", "The codec, then the language model on the"
                        + " adapted codec's codes (as the command line's finetune), or one of them",
                        TrainingTarget.class, vm.settings().targetProperty()),
                SettingItem.editable("Fine-tune settings", "Steps per phase", "Optimiser steps of each phase",
                        Integer.class, vm.settings().stepsProperty()),
                SettingItem.editable("Fine-tune settings", "Batch size", "Segments (codec) or windows (language model)"
                        + " per step", Integer.class, vm.settings().batchSizeProperty()),
                SettingItem.editable("Fine-tune settings", "Codec learning rate", "Peak rate; decays to a tenth (default"
                        + " 0.3 × the from-scratch rate, gentle on the base)", Double.class,
                        vm.settings().codecLearningRateProperty()),
                SettingItem.editable("Fine-tune settings", "LM learning rate", "Peak rate of the language model and text"
                        + " encoder; decays to a tenth", Double.class, vm.settings().lmLearningRateProperty()),
                SettingItem.editable("Fine-tune settings", "λ (independence weight)", "Weight of the MMD² between"
                        + " the codebooks' joint and the product of their marginals; 0 = off", Double.class,
                        vm.settings().independenceWeightProperty()),
                SettingItem.editable("Fine-tune settings", "Alignment", "SAME: the codes of one frame; DELAY: the"
                        + " codes the delay-pattern language model emits in one step", Alignment.class,
                        vm.settings().alignmentProperty()),
                SettingItem.editable("Fine-tune settings", "Segment length (s)", "Length of the codec's training segments",
                        Double.class, vm.settings().segmentSecondsProperty()),
                SettingItem.editable("Fine-tune settings", "LM window (frames)", "Code frames per language-model example",
                        Integer.class, vm.settings().lmFramesProperty())));
        sheet.disableProperty().bind(vm.trainingProperty());
        sheet.setMinWidth(300);
        return sheet;
    }

    private Node runBar() {
        Button start = new Button("Start");
        start.setId("start");
        start.setDefaultButton(true);
        start.setTooltip(new Tooltip("Fine-tune the base model on the scanned tracks"));
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.canStartBinding().not());
        Button pause = new Button("Pause");
        pause.setId("pause");
        pause.setTooltip(new Tooltip("Hold training after the current step"));
        pause.setOnAction(e -> vm.pause());
        pause.disableProperty().bind(vm.trainingProperty().not().or(vm.pausedProperty()));
        Button resume = new Button("Resume");
        resume.setId("resume");
        resume.setOnAction(e -> vm.resume());
        resume.disableProperty().bind(vm.pausedProperty().not());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setTooltip(new Tooltip("Stop after the current step; the last checkpoint is kept, no model is added"));
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.trainingProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.setPrefWidth(260);
        Label text = new Label();
        text.setId("progressText");
        text.textProperty().bind(vm.progressTextProperty());
        HBox bar = new HBox(8, start, pause, resume, cancel, progress, text);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node charts() {
        MetricChart losses = new MetricChart("Training losses", "loss", vm.lossSeries());
        MetricChart validation = new MetricChart("Dependence on validation", "value",
                vm.validationSeries());
        for (MetricChart chart : List.of(losses, validation)) {
            chart.setPrefHeight(240);
            chart.setMinHeight(230); // below about this a chart drops its legend
            HBox.setHgrow(chart, Priority.ALWAYS);
        }
        losses.setId("lossChart");
        validation.setId("validationChart");
        return new HBox(8, losses, validation);
    }

    private Node comparisonBar() {
        BeforeAfterViewModel ab = vm.comparison();
        ComboBox<TrackRow> track = new ComboBox<>(vm.table().usableTracks());
        track.setId("comparisonTrack");
        track.valueProperty().bindBidirectional(ab.trackProperty());
        track.setPrefWidth(200);
        Button compare = new Button("Compare");
        compare.setId("compare");
        compare.setTooltip(new Tooltip("Encode and decode the track with the base model and with the new one"));
        compare.setOnAction(e -> ab.compare());
        compare.disableProperty().bind(ab.newModelProperty().isNull().or(ab.comparingProperty())
                .or(vm.trainingProperty()));
        Button original = new Button("Original");
        original.setOnAction(e -> ab.playOriginal());
        Button before = new Button("Before");
        before.setId("before");
        before.setOnAction(e -> ab.playBefore());
        Button after = new Button("After");
        after.setId("after");
        after.setOnAction(e -> ab.playAfter());
        Button stop = new Button("Stop");
        stop.setOnAction(e -> ab.stop());
        for (Button b : List.of(original, before, after, stop)) {
            b.disableProperty().bind(ab.resultProperty().isNull());
        }
        Label result = new Label();
        result.setId("comparisonText");
        result.textProperty().bind(Bindings.createStringBinding(() -> ab.textProperty().get().isEmpty()
                && !ab.playbackAvailable() ? "No audio output (" + ab.playbackUnavailableReason()
                        + "); the comparison's figures still work." : ab.textProperty().get(), ab.textProperty()));
        result.setWrapText(true);
        Label title = new Label("Before / after:");
        HBox bar = new HBox(8, title, track, compare, original, before, after, stop);
        bar.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        bar.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, bar, result);
    }

    private Node messageLine() {
        Label message = new Label();
        message.setId("message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(vm.messageProperty());
        message.styleProperty().bind(Bindings.when(vm.messageIsErrorProperty())
                .then("-fx-text-fill: #e06c6c;").otherwise(""));
        message.setMinHeight(Region.USE_PREF_SIZE);
        BorderPane.setMargin(message, new Insets(4, 10, 8, 10));
        return message;
    }
}
