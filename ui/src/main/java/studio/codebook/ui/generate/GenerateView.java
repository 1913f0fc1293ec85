package studio.codebook.ui.generate;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;
import studio.codebook.engine.generate.GenerationParams;

/**
 * The Generate view: the prompt and its settings on the left, one card per variant on the right. Binds to
 * a {@link GenerateViewModel} and holds no state of its own. Keys: Ctrl+Enter generates, Escape cancels,
 * Space plays/pauses the selected variant (outside text fields). Dropping an audio file anywhere on the
 * view continues it.
 */
public final class GenerateView extends BorderPane {

    private static final List<String> AUDIO_EXTENSIONS = List.of(".wav", ".flac", ".mp3", ".ogg");

    private final GenerateViewModel vm;
    private final VBox cards = new VBox(10);

    public GenerateView(GenerateViewModel vm) {
        this.vm = vm;
        getStyleClass().add("generate-view");
        getStylesheets().add(GenerateView.class.getResource("generate.css").toExternalForm());
        ScrollPane form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        form.setPrefWidth(400);
        form.setMinWidth(340);
        setLeft(form);
        setCenter(results());
        installKeys();
        installDrop();
    }

    /** The view model this view shows (for the window's wiring, tests and screenshots). */
    public GenerateViewModel viewModel() {
        return vm;
    }

    // ---- the form ----

    private Node form() {
        PromptDraft draft = vm.prompt();
        SamplingSettings settings = vm.sampling();
        Continuation continued = vm.continuation();
        TextArea prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setPromptText("Describe the music: genre, instrument, mood, tempo, key…");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(3);
        prompt.textProperty().bindBidirectional(draft.promptProperty());
        prompt.setTooltip(new Tooltip("What to generate. Ctrl+Enter generates."));

        MenuButton history = new MenuButton("Recent");
        history.setId("history");
        history.setTooltip(new Tooltip("Prompts you generated from, most recent first"));
        Runnable fillHistory = () -> {
            history.getItems().clear();
            for (String p : draft.history().items()) {
                MenuItem item = new MenuItem(p.length() > 70 ? p.substring(0, 69) + "…" : p);
                item.setOnAction(e -> draft.promptProperty().set(p));
                history.getItems().add(item);
            }
            history.setDisable(draft.history().items().isEmpty());
        };
        draft.history().items().addListener((ListChangeListener<String>) c -> fillHistory.run());
        fillHistory.run();

        FlowPane chips = new FlowPane(6, 6);
        chips.getStyleClass().add("preset-chips");
        for (PresetPrompts.Preset p : draft.presets()) {
            Button chip = new Button(p.label());
            chip.getStyleClass().add("chip");
            chip.setTooltip(new Tooltip("Use the example prompt: " + p.prompt()));
            chip.setOnAction(e -> draft.applyPreset(p));
            chips.getChildren().add(chip);
        }

        Label composed = new Label();
        composed.getStyleClass().add("composed-prompt");
        composed.setWrapText(true);
        composed.textProperty().bind(Bindings.createStringBinding(() -> {
            String c = draft.composedPromptProperty().get();
            return c.equals(draft.promptProperty().get() == null ? "" : draft.promptProperty().get().strip()) ? ""
                    : "The model reads: " + c;
        }, draft.composedPromptProperty(), draft.promptProperty()));
        hideWhenEmpty(composed);
        Label note = new Label();
        note.getStyleClass().add("prompt-note");
        note.setWrapText(true);
        note.textProperty().bind(draft.promptNoteProperty());
        hideWhenEmpty(note);

        TextField tempo = new TextField();
        tempo.setId("tempo");
        tempo.setPromptText("BPM");
        tempo.setPrefColumnCount(5);
        tempo.textProperty().bindBidirectional(draft.tempoProperty());
        tempo.setTooltip(new Tooltip("Optional tempo in BPM, added to the prompt as \"…, 120 BPM\" unless the prompt "
                + "already names one"));
        ComboBox<String> key = new ComboBox<>();
        key.setId("key");
        key.setEditable(true);
        key.setPromptText("Key");
        key.getItems().add("");
        key.getItems().addAll(PromptComposer.keys());
        key.valueProperty().bindBidirectional(draft.keyProperty());
        key.setTooltip(new Tooltip("Optional key, e.g. D minor or F#m, added to the prompt as \"…, in D minor\""));
        TextField negative = new TextField();
        negative.setId("negative");
        negative.setPromptText("What to steer away from (optional)");
        negative.textProperty().bindBidirectional(draft.negativePromptProperty());
        negative.setTooltip(new Tooltip("Negative prompt: guidance pushes away from it instead of from silence"));

        Spinner<Double> duration = doubleSpinner(settings.durationSecondsProperty(), 1, 120, 1);
        duration.setId("duration");
        duration.setTooltip(new Tooltip("Seconds of new audio (after any audio you continue)"));

        // the segmented button puts its buttons in its own toggle group
        SegmentedButton variants = new SegmentedButton();
        for (int n = 1; n <= SamplingSettings.MAX_VARIANTS; n++) {
            ToggleButton b = new ToggleButton(Integer.toString(n));
            int count = n;
            b.setUserData(n);
            b.setTooltip(new Tooltip("Make " + n + " variant" + (n == 1 ? "" : "s") + " of the prompt, with seeds "
                    + "seed … seed + " + (n - 1)));
            b.setOnAction(e -> {
                settings.variantCountProperty().set(count);
                b.setSelected(true); // one is always chosen
            });
            variants.getButtons().add(b);
        }
        Runnable syncVariants = () -> variants.getButtons().forEach(t ->
                t.setSelected((int) t.getUserData() == settings.variantCountProperty().get()));
        settings.variantCountProperty().addListener(o -> syncVariants.run());
        syncVariants.run();

        GridPane basics = grid();
        basics.addRow(0, label("Tempo"), new HBox(8, tempo, label("Key"), key));
        basics.addRow(1, label("Avoid"), negative);
        basics.addRow(2, label("Duration (s)"), duration);
        basics.addRow(3, label("Variants"), variants);

        Label continuing = new Label();
        continuing.getStyleClass().add("continuation");
        continuing.textProperty().bind(Bindings.createStringBinding(() -> continued.fileProperty().get() == null
                ? "" : "Continuing " + continued.fileProperty().get().getFileName() + " ("
                + StatusText.seconds(continued.secondsProperty().get()) + ")",
                continued.fileProperty(), continued.secondsProperty()));
        Button clearContinuation = new Button("✕");
        clearContinuation.setTooltip(new Tooltip("Stop continuing this file: generate from the prompt alone"));
        clearContinuation.setOnAction(e -> continued.clear());
        HBox continuationRow = new HBox(6, continuing, clearContinuation);
        continuationRow.setAlignment(Pos.CENTER_LEFT);
        continuationRow.visibleProperty().bind(continued.fileProperty().isNotNull());
        continuationRow.managedProperty().bind(continuationRow.visibleProperty());
        Label dropHint = new Label("Drop a WAV file here to continue it.");
        dropHint.getStyleClass().add("hint");

        TitledPane advanced = new TitledPane("Advanced", advanced());
        advanced.setExpanded(false);
        advanced.setTooltip(new Tooltip("Sampling settings and the seed"));

        Button generate = new Button("Generate");
        generate.setId("generate");
        generate.getStyleClass().add("generate-button");
        generate.setDefaultButton(false);
        generate.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(generate, Priority.ALWAYS);
        generate.disableProperty().bind(vm.canGenerateProperty().not());
        generate.setOnAction(e -> vm.generate());
        generate.setTooltip(new Tooltip("Generate the variants (Ctrl+Enter)"));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop generating (Escape); nothing of this run is saved"));
        HBox buttons = new HBox(8, generate, cancel);

        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        progress.setTooltip(new Tooltip("Progress of the generation"));
        Label blocked = new Label();
        blocked.setId("blocked-reason");
        blocked.getStyleClass().add("blocked-reason");
        blocked.setWrapText(true);
        blocked.textProperty().bind(Bindings.when(vm.runningProperty()).then("").otherwise(vm.blockedReasonProperty()));
        hideWhenEmpty(blocked);
        Label status = new Label();
        status.setId("status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.setTooltip(new Tooltip("What happened last"));
        Label seedUsed = new Label();
        seedUsed.setId("seed-used");
        seedUsed.textProperty().bind(Bindings.createStringBinding(() -> vm.seedUsedProperty().get() == null ? ""
                : "Seed used: " + vm.seedUsedProperty().get(), vm.seedUsedProperty()));
        seedUsed.setTooltip(new Tooltip("The seed of variant 1 in the last run (variant i used seed + i − 1)"));
        hideWhenEmpty(seedUsed);

        HBox promptHeader = new HBox(8, label("Prompt"), new javafx.scene.layout.Region(), history);
        HBox.setHgrow(promptHeader.getChildren().get(1), Priority.ALWAYS);
        promptHeader.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, promptHeader, prompt, chips, composed, note, basics, continuationRow, dropHint,
                advanced, buttons, progress, blocked, status, seedUsed);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("generate-form");
        return box;
    }

    private Node advanced() {
        SamplingSettings settings = vm.sampling();
        Spinner<Integer> topK = intSpinner(settings.topKProperty(), 0, 4096, 10);
        topK.setId("top-k");
        topK.setTooltip(new Tooltip("Sample among the k most likely codes (0 = no limit). Lower is safer."));
        Spinner<Double> topP = doubleSpinner(settings.topPProperty(), 0, 1, 0.05);
        topP.setId("top-p");
        topP.setTooltip(new Tooltip("Nucleus sampling: the smallest set of codes reaching this probability "
                + "(0 = off; when on it replaces top-k)"));
        Spinner<Double> temperature = doubleSpinner(settings.temperatureProperty(), 0.05, 3, 0.05);
        temperature.setId("temperature");
        temperature.setTooltip(new Tooltip("1 = as trained; lower = safer and more repetitive, higher = wilder"));
        Spinner<Double> cfg = doubleSpinner(settings.cfgScaleProperty(), 0, 10, 0.5);
        cfg.setId("cfg");
        cfg.setTooltip(new Tooltip("Classifier-free guidance: how strongly to follow the prompt (1 = no guidance; "
                + GenerationParams.DEFAULT_CFG_SCALE + " by default)"));
        Spinner<Double> window = doubleSpinner(settings.windowSecondsProperty(), 0, 30, 0.5);
        window.setId("window");
        window.setTooltip(new Tooltip("Seconds the model reads at once: a longer clip is made in windows that each "
                + "continue from the end of the last. Shorter brings the prompt back more often; 0 = as long as the "
                + "model was trained on"));

        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(10);
        UnaryOperator<TextFormatter.Change> digits = c -> c.getControlNewText().matches("\\d{0,18}") ? c : null;
        TextFormatter<Long> formatter = new TextFormatter<>(new javafx.util.converter.LongStringConverter(),
                settings.seedProperty().get(), digits);
        seed.setTextFormatter(formatter);
        formatter.valueProperty().addListener((obs, old, now) -> {
            if (now != null && now != settings.seedProperty().get()) {
                settings.seedProperty().set(now);
            }
        });
        settings.seedProperty().addListener((obs, old, now) -> formatter.setValue(now.longValue()));
        seed.setTooltip(new Tooltip("The random seed of variant 1: the same seed, prompt and settings make the same "
                + "clip"));
        ToggleButton lock = new ToggleButton("🔒");
        lock.setId("seed-lock");
        lock.selectedProperty().bindBidirectional(settings.seedLockedProperty());
        lock.setTooltip(new Tooltip("Lock the seed: every run reuses it. Unlocked, each run draws a new seed."));
        Button dice = new Button("🎲");
        dice.setId("seed-dice");
        dice.setOnAction(e -> settings.rollSeed());
        dice.setTooltip(new Tooltip("Draw a new random seed"));
        ToggleButton autoPlay = new ToggleButton("Auto-play");
        autoPlay.selectedProperty().bindBidirectional(vm.autoPlayProperty());
        autoPlay.setTooltip(new Tooltip("Play variant 1 as soon as it can be heard"));
        autoPlay.setDisable(!vm.playbackAvailable());

        Button reset = new Button("Defaults");
        reset.setId("sampling-defaults");
        reset.setOnAction(e -> settings.resetToDefaults());
        reset.setTooltip(new Tooltip("Duration, variants, top-k, top-p, temperature, guidance and window back to the "
                + "defaults (the seed stays). The studio remembers these settings between runs."));

        GridPane g = grid();
        g.addRow(0, label("Top-k"), topK);
        g.addRow(1, label("Top-p"), topP);
        g.addRow(2, label("Temperature"), temperature);
        g.addRow(3, label("Guidance (CFG)"), cfg);
        g.addRow(4, label("Window (s)"), window);
        g.addRow(5, label("Seed"), new HBox(6, seed, lock, dice));
        g.addRow(6, label("Playback"), autoPlay);
        g.addRow(7, label("Sampling"), reset);
        return g;
    }

    // ---- the results ----

    private Node results() {
        Label empty = new Label("Your clips appear here.\nType a prompt and press Generate (Ctrl+Enter), "
                + "or drop a WAV file to continue it.");
        empty.getStyleClass().add("placeholder");
        empty.visibleProperty().bind(Bindings.isEmpty(vm.variants()));
        empty.managedProperty().bind(empty.visibleProperty());
        VBox content = new VBox(10);
        content.setPadding(new Insets(12));
        if (!vm.playbackAvailable()) {
            Label notice = new Label("No audio output: " + vm.playbackUnavailableReason()
                    + ". Playback is off; generating, exporting and dragging clips out still work.");
            notice.setId("no-audio-notice");
            notice.getStyleClass().add("notice");
            notice.setWrapText(true);
            content.getChildren().add(notice);
        }
        content.getChildren().addAll(empty, cards);
        vm.variants().addListener((ListChangeListener<VariantViewModel>) c -> rebuildCards());
        rebuildCards();
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void rebuildCards() {
        cards.getChildren().setAll(vm.variants().stream().map(v -> new VariantCard(vm, v)).toList());
    }

    // ---- keys and drops ----

    private void installKeys() {
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                vm.generate();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
                vm.cancel();
                e.consume();
            } else if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof TextInputControl)
                    && !inEditor(e.getTarget())) {
                vm.togglePlaySelected();
                e.consume();
            }
        });
    }

    private static boolean inEditor(Object target) {
        return target instanceof Spinner<?> || target instanceof ComboBox<?>;
    }

    private void installDrop() {
        addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getGestureSource() == null && audioFile(e).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Optional<File> file = audioFile(e);
            file.ifPresent(f -> vm.continuation().continueFrom(f.toPath()));
            e.setDropCompleted(file.isPresent());
            e.consume();
        });
    }

    private static Optional<File> audioFile(DragEvent e) {
        if (!e.getDragboard().hasFiles()) {
            return Optional.empty();
        }
        return e.getDragboard().getFiles().stream().filter(f -> AUDIO_EXTENSIONS.stream()
                .anyMatch(x -> f.getName().toLowerCase(Locale.ROOT).endsWith(x))).findFirst();
    }

    // ---- small pieces ----

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "Durati…"
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        return g;
    }

    private static void hideWhenEmpty(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    private static Spinner<Double> doubleSpinner(DoubleProperty property, double min, double max, double step) {
        SpinnerValueFactory.DoubleSpinnerValueFactory factory =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
        Spinner<Double> spinner = new Spinner<>(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        factory.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                property.set(now);
            }
        });
        property.addListener((obs, old, now) -> factory.setValue(now.doubleValue()));
        commitOnFocusLost(spinner);
        return spinner;
    }

    private static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max, int step) {
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get(), step);
        Spinner<Integer> spinner = new Spinner<>(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        factory.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                property.set(now);
            }
        });
        property.addListener((obs, old, now) -> factory.setValue(now.intValue()));
        commitOnFocusLost(spinner);
        return spinner;
    }

    /** A typed value counts when the field loses focus, not only on Enter. */
    private static void commitOnFocusLost(Spinner<?> spinner) {
        spinner.getEditor().focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                try {
                    spinner.increment(0);
                } catch (RuntimeException e) {
                    spinner.getEditor().setText(String.valueOf(spinner.getValue())); // not a number: put it back
                }
            }
        });
    }
}
