package studio.codebook.ui.dependence;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.ui.controls.ColourScale;
import studio.codebook.ui.controls.HeatmapRange;

/**
 * The Dependence view: where the audio comes from, how frames are paired, the estimator and an optional
 * second model on top; the mutual-information heatmaps of model A, model B and B − A (same colour range
 * for A and B, a diverging scale for the difference) with total correlation and the adequacy verdicts
 * under each; what was measured and skipped at the bottom. Thin: all state lives in
 * {@link DependenceViewModel}.
 */
public final class DependenceView extends BorderPane {

    private final DependenceViewModel viewModel;
    private final MatrixPanel panelA = new MatrixPanel("modelA");
    private final MatrixPanel panelB = new MatrixPanel("modelB");
    private final MatrixPanel panelDiff = new MatrixPanel("difference");
    /** Kept: a bidirectional binding to asObject() holds it only weakly. */
    private final ObjectProperty<Integer> offsetObject;

    public DependenceView(DependenceViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("dependence-view");
        setPadding(new Insets(10));
        offsetObject = viewModel.frameOffsetProperty().asObject();

        setTop(new VBox(8, sourceRow(), pairingRow()));
        HBox panels = new HBox(12, panelA, panelB, panelDiff);
        for (MatrixPanel p : List.of(panelA, panelB, panelDiff)) {
            HBox.setHgrow(p, Priority.ALWAYS);
            // equal pref widths: the panels share the row evenly whatever their titles say
            p.setPrefWidth(300);
            p.setMaxWidth(Double.MAX_VALUE);
        }
        panels.setPadding(new Insets(10, 0, 10, 0));
        setCenter(panels);
        setBottom(messages());

        panelA.heatmap.placeholderProperty().bind(Bindings.when(viewModel.busyProperty())
                .then("Measuring…").otherwise("Select a clip, or choose a folder and press Compute"));
        panelB.heatmap.placeholderProperty().set("Choose a second model to compare");
        panelDiff.heatmap.placeholderProperty().set("B − A appears with a second model");
        panelDiff.heatmap.colourScaleProperty().set(ColourScale.DIVERGING);
        panelA.heatmap.cellNoteProperty().set((k, l) -> MatrixPanel.noteFor(viewModel.figuresAProperty().get(), k, l));
        panelB.heatmap.cellNoteProperty().set((k, l) -> MatrixPanel.noteFor(viewModel.figuresBProperty().get(), k, l));

        for (var o : List.of(viewModel.matrixAProperty(), viewModel.matrixBProperty(), viewModel.differenceProperty())) {
            o.addListener((obs, old, n) -> refresh());
        }
        viewModel.figuresAProperty().addListener((obs, o, n) -> refresh());
        viewModel.figuresBProperty().addListener((obs, o, n) -> refresh());
        viewModel.differenceNoteProperty().addListener((obs, o, n) -> refresh());
        refresh();
    }

    /** The view model this view shows (for tests and screenshots). */
    public DependenceViewModel viewModel() {
        return viewModel;
    }

    /** The heatmap of model A (for tests and screenshots). */
    public studio.codebook.ui.controls.HeatmapView heatmapA() {
        return panelA.heatmap;
    }

    public studio.codebook.ui.controls.HeatmapView heatmapB() {
        return panelB.heatmap;
    }

    public studio.codebook.ui.controls.HeatmapView differenceHeatmap() {
        return panelDiff.heatmap;
    }

    private HBox sourceRow() {
        ToggleGroup group = new ToggleGroup();
        RadioButton clip = new RadioButton(AudioSource.SELECTED_CLIP.label());
        clip.setTooltip(new Tooltip("The clip selected in the library"));
        RadioButton folder = new RadioButton(AudioSource.FOLDER.label());
        folder.setTooltip(new Tooltip("Every audio file in a folder and its subfolders"));
        RadioButton validation = new RadioButton(AudioSource.VALIDATION_SET.label());
        validation.setId("validationSource");
        clip.setToggleGroup(group);
        folder.setToggleGroup(group);
        validation.setToggleGroup(group);
        clip.setUserData(AudioSource.SELECTED_CLIP);
        folder.setUserData(AudioSource.FOLDER);
        validation.setUserData(AudioSource.VALIDATION_SET);
        group.selectToggle(clip);
        group.selectedToggleProperty().addListener((obs, o, t) -> {
            if (t != null && viewModel.sourceProperty().get() != t.getUserData()) {
                viewModel.sourceProperty().set((AudioSource) t.getUserData());
            }
        });
        viewModel.sourceProperty().addListener((obs, o, s) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == s).findFirst().ifPresent(group::selectToggle));
        // a disabled control shows no tooltip: the reason goes on a wrapper
        Label validationWrap = new Label(null, validation);
        validation.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.validationProperty().get().available(), viewModel.validationProperty()));
        Tooltip reason = new Tooltip();
        reason.textProperty().bind(Bindings.createStringBinding(() -> viewModel.validationProperty().get().description(),
                viewModel.validationProperty()));
        reason.setWrapText(true);
        reason.setMaxWidth(420);
        validationWrap.setTooltip(reason);
        validation.setTooltip(reason);

        Button choose = new Button("Choose folder…");
        choose.setId("chooseFolder");
        choose.setTooltip(new Tooltip("Measure every audio file in a folder (encoded with progress; unreadable files are skipped)"));
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of audio to measure");
            Path current = viewModel.folderProperty().get();
            if (current != null && current.toFile().isDirectory()) {
                chooser.setInitialDirectory(current.toFile());
            }
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                viewModel.measureFolder(dir.toPath());
            }
        });
        Label folderName = new Label();
        folderName.getStyleClass().add("hint");
        folderName.textProperty().bind(Bindings.createStringBinding(() -> {
            Path p = viewModel.folderProperty().get();
            return p == null ? "" : p.getFileName() == null ? p.toString() : p.getFileName().toString();
        }, viewModel.folderProperty()));

        Button compute = new Button("Compute");
        compute.setId("computeButton");
        compute.setDefaultButton(true);
        compute.setTooltip(new Tooltip("Encode the chosen audio with the model(s) and measure"));
        compute.setOnAction(e -> viewModel.compute());
        compute.disableProperty().bind(viewModel.busyProperty());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        bar.progressProperty().bind(viewModel.progressProperty());
        bar.visibleProperty().bind(viewModel.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.setOnAction(e -> viewModel.cancel());

        Label label = new Label("Audio:");
        label.setStyle("-fx-font-weight: bold;");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(10, label, clip, folder, choose, folderName, validationWrap, spacer, compute, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("toolbar");
        return row;
    }

    private FlowPane pairingRow() {
        ToggleGroup group = new ToggleGroup();
        RadioButton offset = new RadioButton("Frame offset");
        offset.setTooltip(new Tooltip("Pair z^k at frame t with z^l at frame t + d"));
        RadioButton delay = new RadioButton("Delay alignment");
        delay.setId("delayAlignment");
        delay.setTooltip(new Tooltip("Pair the codes the delay-pattern language model emits at the same step: "
                + "z^k at t−k+1 with z^l at t−l+1"));
        offset.setToggleGroup(group);
        delay.setToggleGroup(group);
        offset.setUserData(Alignment.Kind.FRAME_OFFSET);
        delay.setUserData(Alignment.Kind.DELAY_PATTERN);
        group.selectToggle(viewModel.alignmentKindProperty().get() == Alignment.Kind.DELAY_PATTERN ? delay : offset);
        group.selectedToggleProperty().addListener((obs, o, t) -> {
            if (t != null) {
                viewModel.alignmentKindProperty().set((Alignment.Kind) t.getUserData());
            }
        });
        viewModel.alignmentKindProperty().addListener((obs, o, k) -> group.selectToggle(
                k == Alignment.Kind.DELAY_PATTERN ? delay : offset));

        Spinner<Integer> d = new Spinner<>();
        d.setId("offsetSpinner");
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                -DependenceViewModel.MAX_OFFSET, DependenceViewModel.MAX_OFFSET, viewModel.frameOffsetProperty().get());
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v > 0 ? "+" + v : String.valueOf(v);
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Integer.parseInt(s.trim().replace("+", ""));
                } catch (NumberFormatException e) {
                    return viewModel.frameOffsetProperty().get();
                }
            }
        });
        d.setValueFactory(f);
        f.valueProperty().bindBidirectional(offsetObject);
        d.setPrefWidth(80);
        d.disableProperty().bind(delay.selectedProperty());
        d.setTooltip(new Tooltip("d, in frames (0 = the same frame)"));

        ChoiceBox<Estimator> estimator = new ChoiceBox<>();
        estimator.getItems().setAll(Estimator.values());
        estimator.valueProperty().bindBidirectional(viewModel.estimatorProperty());
        estimator.setTooltip(new Tooltip("Plug-in MI is biased upwards by about the bias bound; "
                + "Miller–Madow removes the first-order bias"));

        Button compare = new Button("Compare with model…");
        compare.setId("compareButton");
        compare.setTooltip(new Tooltip("Load a second model folder (e.g. trained with the independence loss) and "
                + "measure both on the same audio"));
        compare.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Model folder to compare with");
            File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) {
                viewModel.loadComparisonModel(dir.toPath());
            }
        });
        compare.disableProperty().bind(viewModel.busyProperty());
        Label modelB = new Label();
        modelB.textProperty().bind(Bindings.createStringBinding(() -> {
            MusicModel m = viewModel.comparisonModelProperty().get();
            return m == null ? "" : "B: " + m.config().id();
        }, viewModel.comparisonModelProperty()));
        Button clear = new Button("Clear");
        clear.visibleProperty().bind(viewModel.comparisonModelProperty().isNotNull());
        clear.setOnAction(e -> viewModel.clearComparison());

        Label pairs = new Label("Pairs:");
        pairs.setStyle("-fx-font-weight: bold;");
        FlowPane row = new FlowPane(10, 6, pairs, offset, d, delay, new Label("  Estimate:"), estimator,
                new Label("  "), compare, modelB, clear);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox messages() {
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add("hint");
        Label skipped = new Label();
        skipped.setId("skippedLabel");
        skipped.setStyle("-fx-text-fill: #ffd166;");
        Tooltip skippedList = new Tooltip();
        skippedList.setWrapText(true);
        skippedList.setMaxWidth(600);
        skipped.setTooltip(skippedList);
        viewModel.corpusProperty().addListener((obs, o, c) -> {
            if (c == null || c.skipped().isEmpty()) {
                skipped.setText("");
                skippedList.setText("");
            } else {
                skipped.setText(c.skipped().size() + " file" + (c.skipped().size() == 1 ? "" : "s")
                        + " could not be read and were skipped (hover for the reasons)");
                skippedList.setText(c.skipped().stream().limit(40)
                        .map(s -> s.file().getFileName() + ": " + s.reason()).collect(Collectors.joining("\n")));
            }
        });
        Label error = new Label();
        error.setId("errorLabel");
        error.textProperty().bind(viewModel.errorProperty());
        error.setStyle("-fx-text-fill: #ff8a80;");
        error.setWrapText(true);
        return new VBox(2, status, skipped, error);
    }

    private void refresh() {
        DependenceFigures a = viewModel.figuresAProperty().get();
        DependenceFigures b = viewModel.figuresBProperty().get();
        double[][] ma = viewModel.matrixAProperty().get();
        double[][] mb = viewModel.matrixBProperty().get();
        double[][] diff = viewModel.differenceProperty().get();
        HeatmapRange shared = HeatmapRange.covering(ma, mb);
        panelA.heatmap.setValues(ma);
        panelA.heatmap.rangeProperty().set(ma == null ? null : shared);
        panelB.heatmap.setValues(mb);
        panelB.heatmap.rangeProperty().set(mb == null ? null : shared);
        panelDiff.heatmap.setValues(diff);
        panelDiff.heatmap.rangeProperty().set(diff == null ? null : HeatmapRange.symmetric(diff));
        fill(panelA, "Model A", a);
        fill(panelB, "Model B", b);
        boolean compared = mb != null;
        panelB.setVisible(compared || viewModel.comparisonModelProperty().get() != null);
        panelB.setManaged(panelB.isVisible());
        panelDiff.setVisible(panelB.isVisible());
        panelDiff.setManaged(panelB.isVisible());
        panelDiff.title.setText("Difference B − A");
        if (diff != null) {
            double largest = 0;
            for (int k = 0; k < diff.length; k++) {
                for (int l = 0; l < diff.length; l++) {
                    if (k != l) {
                        largest = Math.max(largest, Math.abs(diff[k][l]));
                    }
                }
            }
            String tc = "";
            if (a != null && b != null && a.totalCorrelation() != null && b.totalCorrelation() != null) {
                tc = String.format(Locale.ROOT, "Pairwise MI sum B − A: %+.3f bits; coarse-grained TC B − A: %+.3f bits%n",
                        b.totalCorrelation().pairwise().millerMadowBits() - a.totalCorrelation().pairwise().millerMadowBits(),
                        b.totalCorrelation().coarseGrained().millerMadowBits()
                                - a.totalCorrelation().coarseGrained().millerMadowBits());
            }
            panelDiff.figures.setText(tc + String.format(Locale.ROOT,
                    "Largest change off the diagonal: %.3f bits. Blue: B less dependent; orange: more.", largest));
            panelDiff.verdict("", false);
        } else {
            panelDiff.figures.setText(viewModel.differenceNoteProperty().get());
            panelDiff.verdict("", false);
        }
    }

    private void fill(MatrixPanel panel, String which, DependenceFigures f) {
        if (f == null) {
            panel.title.setText(which);
            panel.figures.setText("");
            panel.verdict("", false);
            return;
        }
        panel.title.setText(which + ": " + f.modelId() + " · " + f.matrix().alignmentDescription());
        panel.figures.setText(f.totalCorrelationText());
        panel.verdict(f.adequacyText(), AdequacyWords.warns(f.matrix().adequacy()));
    }
}
