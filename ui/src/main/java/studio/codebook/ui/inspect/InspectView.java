package studio.codebook.ui.inspect;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.SegmentedButton;
import studio.codebook.engine.stats.CodebookStatistics;
import studio.codebook.ui.controls.TokenCell;
import studio.codebook.ui.controls.TokenStreamView;

/**
 * The Inspect view: a toolbar (open, layout, zoom, progress), the token streams, a line with the token
 * under the pointer and the selection, the codec A/B bar, and the per-codebook usage charts. Thin: all
 * state lives in {@link InspectViewModel}.
 *
 * <p>Keys: Space plays or stops, B switches between the original and the k-codebook decode, + and − zoom.
 */
public final class InspectView extends BorderPane {

    private final InspectViewModel viewModel;
    private final TokenStreamView streams = new TokenStreamView();
    private final TilePane usage = new TilePane();
    private final ToggleButton sortByCount = new ToggleButton("Sorted by count");
    /** Kept: a bidirectional binding to asObject() holds it only weakly. */
    private final ObjectProperty<Integer> codebooksObject;

    public InspectView(InspectViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("inspect-view");
        setPadding(new Insets(10));
        streams.setId("tokenStream");
        streams.gridProperty().bind(viewModel.gridProperty());
        streams.selectionProperty().bindBidirectional(viewModel.selectionProperty());
        streams.playheadProperty().bind(Bindings.when(viewModel.playingProperty())
                .then(viewModel.playbackPositionProperty()).otherwise(-1.0));
        viewModel.gridProperty().addListener((obs, old, g) -> {
            if (g != null && (old == null || old.numFrames() != g.numFrames())) {
                streams.applyCss();
                streams.layout();
                streams.zoomToFit();
            }
        });

        Spinner<Integer> codebooks = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1);
        codebooks.setValueFactory(factory);
        codebooksObject = viewModel.decodeCodebooksProperty().asObject();
        factory.maxProperty().bind(Bindings.max(1, viewModel.numCodebooksProperty()));
        factory.valueProperty().bindBidirectional(codebooksObject);

        setTop(toolbar());
        VBox centre = new VBox(6, streams, infoLine(), listenBar(codebooks), messages());
        VBox.setVgrow(streams, Priority.ALWAYS);
        centre.setPadding(new Insets(8, 0, 8, 0));
        setCenter(centre);
        setBottom(usagePane());

        viewModel.encodedProperty().addListener((obs, o, clip) -> fillUsage(clip));
        fillUsage(viewModel.encodedProperty().get());
        installDragAndDrop();
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    /** The view model this view shows (for tests and screenshots). */
    public InspectViewModel viewModel() {
        return viewModel;
    }

    /** The token-stream control (for tests and screenshots). */
    public TokenStreamView tokenStreamView() {
        return streams;
    }

    private HBox toolbar() {
        Button open = new Button("Open…");
        open.setId("openButton");
        open.setTooltip(new Tooltip("Open an audio file (WAV, FLAC, MP3, Ogg) and show its codes; or drop one here"));
        open.setOnAction(e -> chooseFile());
        Label name = new Label();
        name.getStyleClass().add("clip-name");
        name.textProperty().bind(Bindings.createStringBinding(() -> {
            Path p = viewModel.clipFileProperty().get();
            return p == null ? "No clip: select one in the library, open one, or drop one here" : p.getFileName().toString();
        }, viewModel.clipFileProperty()));
        name.setStyle("-fx-font-weight: bold;");

        ToggleButton raw = new ToggleButton("Raw");
        raw.setTooltip(new Tooltip("Frame t of every codebook in one column"));
        ToggleButton delay = new ToggleButton("Delay layout");
        delay.setId("delayToggle");
        delay.setTooltip(new Tooltip("Codebook k shifted right by k−1 frames, as the delay pattern feeds the language model"));
        SegmentedButton layout = new SegmentedButton(raw, delay);
        raw.setSelected(!viewModel.delayLayoutProperty().get());
        delay.setSelected(viewModel.delayLayoutProperty().get());
        delay.selectedProperty().addListener((obs, o, on) -> viewModel.delayLayoutProperty().set(on));
        raw.selectedProperty().addListener((obs, o, on) -> {
            if (!on && !delay.isSelected()) {
                raw.setSelected(true);
            }
        });
        viewModel.delayLayoutProperty().addListener((obs, o, on) -> {
            delay.setSelected(on);
            raw.setSelected(!on);
        });

        Button zoomOut = new Button("−");
        zoomOut.setTooltip(new Tooltip("Zoom out (−, or the mouse wheel)"));
        zoomOut.setOnAction(e -> streams.zoomOut());
        Button zoomIn = new Button("+");
        zoomIn.setTooltip(new Tooltip("Zoom in (+, or the mouse wheel; Shift + wheel scrolls)"));
        zoomIn.setOnAction(e -> streams.zoomIn());
        Button fit = new Button("Fit");
        fit.setTooltip(new Tooltip("Show the whole clip"));
        fit.setOnAction(e -> streams.zoomToFit());
        HBox zoom = new HBox(2, zoomOut, zoomIn, fit);

        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.progressProperty().bind(viewModel.progressProperty());
        bar.visibleProperty().bind(viewModel.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.setOnAction(e -> viewModel.cancel());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, open, name, spacer, layout, zoom, bar, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("toolbar");
        return box;
    }

    private HBox infoLine() {
        Label hover = new Label();
        hover.setId("hoverLabel");
        hover.textProperty().bind(Bindings.createStringBinding(() -> {
            TokenCell c = streams.hoveredProperty().get();
            return c == null ? "Hover over a token for its codebook, frame, time and id; drag to select a span"
                    : c.describe();
        }, streams.hoveredProperty()));
        hover.getStyleClass().add("hint");
        Label selection = new Label();
        selection.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectionProperty().get() == null
                ? "" : "Selection " + viewModel.selectionProperty().get().describe(), viewModel.selectionProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, hover, spacer, selection);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private HBox listenBar(Spinner<Integer> codebooks) {
        Button play = new Button("▶ Play");
        play.setId("playButton");
        play.setTooltip(new Tooltip("Play the selection (or the whole clip) from the chosen side (Space)"));
        play.setOnAction(e -> viewModel.play());
        Button stop = new Button("■ Stop");
        stop.setOnAction(e -> viewModel.stop());
        ToggleButton a = new ToggleButton("A: original");
        a.setTooltip(new Tooltip("The audio file as it is"));
        ToggleButton b = new ToggleButton("B: first k codebooks");
        b.setId("decodedToggle");
        b.setTooltip(new Tooltip("The codes decoded again from only the first k codebooks (lower bandwidth)"));
        SegmentedButton ab = new SegmentedButton(a, b);
        a.setSelected(true);
        b.selectedProperty().addListener((obs, o, on) -> {
            if (on && viewModel.listeningProperty().get() != Listening.DECODED) {
                viewModel.listeningProperty().set(Listening.DECODED);
            }
        });
        a.selectedProperty().addListener((obs, o, on) -> {
            if (on && viewModel.listeningProperty().get() != Listening.ORIGINAL) {
                viewModel.listeningProperty().set(Listening.ORIGINAL);
            }
            if (!on && !b.isSelected()) {
                a.setSelected(true);
            }
        });
        viewModel.listeningProperty().addListener((obs, o, side) -> {
            a.setSelected(side == Listening.ORIGINAL);
            b.setSelected(side == Listening.DECODED);
        });
        Button swap = new Button("A/B");
        swap.setTooltip(new Tooltip("Switch sides; while playing, the other side continues from the same moment (B)"));
        swap.setOnAction(e -> viewModel.switchAB());
        codebooks.setId("codebookSpinner");
        codebooks.setPrefWidth(70);
        codebooks.setTooltip(new Tooltip("k: decode with codebooks 1..k only"));
        Label ofK = new Label();
        ofK.textProperty().bind(Bindings.format("of %d codebooks", viewModel.numCodebooksProperty()));
        Button listen = new Button("Listen to B");
        listen.setId("listenButton");
        listen.setTooltip(new Tooltip("Decode with the first k codebooks and play it"));
        listen.setOnAction(e -> viewModel.listenDecoded());
        CheckBox loop = new CheckBox("Loop");
        loop.selectedProperty().bindBidirectional(viewModel.loopProperty());
        for (javafx.scene.Node n : List.of(play, stop, a, b, swap, codebooks, listen, loop)) {
            n.disableProperty().bind(viewModel.encodedProperty().isNull());
        }
        Label k = new Label("k =");
        HBox box = new HBox(8, play, stop, loop, ab, swap, k, codebooks, ofK, listen);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("listen-bar");
        return box;
    }

    private VBox messages() {
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add("hint");
        Label error = new Label();
        error.setId("errorLabel");
        error.textProperty().bind(viewModel.errorProperty());
        error.getStyleClass().add("error");
        error.setStyle("-fx-text-fill: #ff8a80;");
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        Label notice = new Label(viewModel.playbackNotice());
        notice.getStyleClass().add("notice");
        notice.setStyle("-fx-text-fill: #ffd166;");
        notice.setVisible(!viewModel.playbackAvailable());
        notice.setManaged(!viewModel.playbackAvailable());
        return new VBox(2, status, error, notice);
    }

    private VBox usagePane() {
        Label title = new Label("Codebook usage");
        title.setStyle("-fx-font-weight: bold;");
        sortByCount.setSelected(true);
        sortByCount.setTooltip(new Tooltip("Bars sorted by count (rank-frequency) or in token-id order"));
        sortByCount.selectedProperty().addListener((obs, o, on) -> sortByCount.setText(on ? "Sorted by count" : "By token id"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, sortByCount);
        header.setAlignment(Pos.CENTER_LEFT);
        usage.setHgap(8);
        usage.setVgap(8);
        usage.setPrefColumns(4);
        usage.setPrefTileWidth(280);
        usage.setPrefTileHeight(120);
        usage.setId("usagePane");
        ScrollPane scroll = new ScrollPane(usage);
        // four charts to a row, filling the width
        usage.prefTileWidthProperty().bind(Bindings.max(200, scroll.widthProperty().subtract(8 * 3 + 16).divide(4)));
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(128);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox box = new VBox(6, header, scroll);
        box.getStyleClass().add("usage-pane");
        return box;
    }

    private void fillUsage(EncodedClip clip) {
        List<CodebookUsageChart> charts = new ArrayList<>();
        if (clip != null) {
            for (CodebookStatistics s : clip.usage()) {
                CodebookUsageChart chart = new CodebookUsageChart();
                chart.statisticsProperty().set(s);
                chart.sortedByCountProperty().bind(sortByCount.selectedProperty());
                charts.add(chart);
            }
        }
        usage.getChildren().setAll(charts);
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a clip to inspect");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Audio", "*.wav", "*.flac", "*.mp3", "*.ogg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = viewModel.clipFileProperty().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            viewModel.open(file.toPath());
        }
    }

    private void installDragAndDrop() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getGestureSource() == null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                viewModel.open(e.getDragboard().getFiles().get(0).toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            if (viewModel.playingProperty().get()) {
                viewModel.stop();
            } else {
                viewModel.play();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.B) {
            viewModel.switchAB();
            e.consume();
        } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
            streams.zoomIn();
            e.consume();
        } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
            streams.zoomOut();
            e.consume();
        }
    }
}
