package studio.codebook.ui.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.ClipSink;
import studio.codebook.ui.common.ModelLease;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;
import studio.codebook.ui.common.TaskHandle;

/**
 * The Generate view's runs: it takes the {@link PromptDraft}, the {@link SamplingSettings} and the
 * {@link Continuation}, says why Generate is blocked, and runs all variants in one background task
 * ({@link GenerationRun}); decoded chunks stream into the variant cards as they are made, each finished clip
 * is stored through the {@link ClipSink} with its {@link ClipRecord}, and Cancel stops within one step,
 * stores nothing and keeps every setting. It also plays and exports the cards. All properties change on the
 * FX thread (the task executor delivers progress there; chunks queue up and are taken in on each progress
 * report).
 */
public final class GenerateViewModel {

    static final String EMPTY_PROMPT = "Type a prompt (or pick a preset) to generate.";

    private final TaskExecutor executor;
    private final ObservableValue<MusicModel> model;
    private final ClipSink sink;
    private final VariantPlayer player;
    private final PromptDraft prompt = new PromptDraft();
    private final SamplingSettings sampling = new SamplingSettings();
    private final Continuation continuation;
    private final ObservableList<VariantViewModel> variants = FXCollections.observableArrayList();

    private final BooleanProperty autoPlay = new SimpleBooleanProperty(this, "autoPlay", true);
    private final ObjectProperty<VariantViewModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper blockedReason = new ReadOnlyStringWrapper(this, "blockedReason", "");
    private final ReadOnlyBooleanWrapper canGenerate = new ReadOnlyBooleanWrapper(this, "canGenerate");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Long> seedUsed = new ReadOnlyObjectWrapper<>(this, "seedUsed");

    private TaskHandle runHandle;
    private Consumer<Path> onClipSelected = p -> { };
    private Consumer<List<Path>> onClipsSaved = p -> { };
    private Supplier<Optional<ModelLease>> leases;

    /**
     * @param executor runs generation, export and file reading off the FX thread
     * @param model the model in use (null = none loaded); read when Generate is pressed
     * @param playback the audio output (may be unavailable: everything but playing still works)
     * @param sink where finished clips are stored (the library)
     */
    public GenerateViewModel(TaskExecutor executor, ObservableValue<MusicModel> model, Playback playback,
            ClipSink sink) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.model = Objects.requireNonNull(model, "model");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.player = new VariantPlayer(Objects.requireNonNull(playback, "playback"), variants);
        this.continuation = new Continuation(executor, status::set, sampling.durationSecondsProperty()::get);
        this.leases = () -> Optional.ofNullable(ModelLease.unowned(model.getValue()));
        for (Observable o : new Observable[] {prompt.promptProperty(), prompt.tempoProperty(), prompt.keyProperty(),
                model, running}) {
            o.addListener(x -> refresh());
        }
        selected.addListener((obs, old, now) -> {
            if (now != null && now.file() != null) {
                onClipSelected.accept(now.file());
            }
        });
        refresh();
    }

    // ---- wiring ----

    /** Called with the stored WAV of the variant the user selects (e.g. to show it in Inspect). */
    public void setOnClipSelected(Consumer<Path> callback) {
        this.onClipSelected = Objects.requireNonNull(callback);
    }

    /** Called after a run with the WAV files it stored (e.g. to refresh the library). */
    public void setOnClipsSaved(Consumer<List<Path>> callback) {
        this.onClipsSaved = Objects.requireNonNull(callback);
    }

    /**
     * Where a run gets its claim on the model (the application passes {@code ModelService::lease}): while
     * a run holds it, unloading the model does not free it under the run. Without this, runs use the model
     * as given and its owner must keep it open.
     */
    public void setModelLeases(Supplier<Optional<ModelLease>> leases) {
        this.leases = Objects.requireNonNull(leases);
    }

    /** Plays variants while they stream in; see {@link StreamingOutput#of}. Null = play what has arrived. */
    public void setStreamingOutput(StreamingOutput output) {
        player.setStreamingOutput(output);
    }

    // ---- the parts and properties ----

    /** The prompt, negative prompt, tempo and key of the next run, with history and presets. */
    public PromptDraft prompt() {
        return prompt;
    }

    /** Duration, top-k, top-p, temperature, guidance, seed and variant count of the next run. */
    public SamplingSettings sampling() {
        return sampling;
    }

    /** The audio the next run continues, if any. */
    public Continuation continuation() {
        return continuation;
    }

    /** Start playing variant 1 as soon as its audio arrives (streamed) or is done (without streaming). */
    public BooleanProperty autoPlayProperty() {
        return autoPlay;
    }

    /** The card the keyboard acts on (Space plays/pauses it). */
    public ObjectProperty<VariantViewModel> selectedProperty() {
        return selected;
    }

    /** Why Generate is disabled (no model, empty prompt, a field that cannot be read), or empty. */
    public ReadOnlyStringProperty blockedReasonProperty() {
        return blockedReason.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGenerateProperty() {
        return canGenerate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1 while running; negative = indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The last thing that happened, for the status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The seed the last run used (null before the first). */
    public ReadOnlyObjectProperty<Long> seedUsedProperty() {
        return seedUsed.getReadOnlyProperty();
    }

    /** The cards of the last run. */
    public ObservableList<VariantViewModel> variants() {
        return variants;
    }

    public boolean playbackAvailable() {
        return player.available();
    }

    public String playbackUnavailableReason() {
        return player.unavailableReason();
    }

    // ---- commands ----

    /** Loads a stored clip's settings so Generate makes it again (the library's "Regenerate"). */
    public void load(ClipRecord record) {
        GenerationParams p = record.params();
        prompt.load(p.prompt(), p.negativePrompt());
        sampling.load(p, record.seed()); // this variant's own seed: variant 1 of a one-variant run makes it again
        continuation.clear();
        status.set("Loaded the settings of \"" + shortened(p.prompt()) + "\" (seed " + record.seed() + ")");
        if (record.continuedFrom() != null) {
            Path from = Path.of(record.continuedFrom());
            if (Files.isRegularFile(from)) {
                continuation.continueFrom(from);
            } else {
                status.set("Loaded the settings, but the file it continued (" + from
                        + ") is gone: it will generate without it");
            }
        }
    }

    /** Starts a run; when Generate is blocked, says why in the status instead. */
    public void generate() {
        refresh();
        if (!canGenerate.get()) {
            status.set(blockedReason.get());
            return;
        }
        ModelLease lease = leases.get().orElse(null);
        if (lease == null) {
            status.set(blockedReason.get().isEmpty() ? "No model is loaded: choose one in the model selector."
                    : blockedReason.get());
            return;
        }
        MusicModel m = lease.model();
        PromptComposer.Composition composition = prompt.compose();
        sampling.drawSeedUnlessLocked();
        GenerationParams params;
        try {
            params = sampling.params(composition.text(), prompt.negativePromptProperty().get());
        } catch (IllegalArgumentException e) {
            lease.close();
            status.set(e.getMessage());
            return;
        }
        prompt.remember();
        GenerationRun job = new GenerationRun(m, params, continuation.clip(), continuation.fileProperty().get(), sink);
        List<VariantViewModel> cards = new ArrayList<>();
        double expected = (continuation.clip() == null ? 0 : continuation.clip().durationSeconds())
                + params.durationSeconds();
        for (int v = 0; v < params.variants(); v++) {
            cards.add(new VariantViewModel(v, params.seed() + v, m.config().sampleRate(), expected));
        }
        player.forget(variants);
        variants.setAll(cards);
        selected.set(cards.get(0));
        running.set(true);
        progress.set(0);
        seedUsed.set(params.seed());
        status.set("Starting…");
        String modelName = m.config().id();
        runHandle = executor.execute(BackgroundTask.<List<GenerationRun.Stored>>of("Generate", ctx -> {
            try (lease) {
                return job.run(ctx);
            }
        }).onProgress((fraction, message) -> {
            takeIn(job, cards);
            progress.set(fraction);
            status.set(message);
        }).onSuccess(stored -> {
            takeIn(job, cards);
            List<Path> files = new ArrayList<>();
            for (GenerationRun.Stored s : stored) {
                VariantViewModel card = cards.get(s.clip().variant());
                card.finish(s.clip().audio(), s.record(), s.file());
                player.ended(card);
                files.add(s.file());
            }
            String warning = stored.isEmpty() || stored.get(0).warnings().isEmpty() ? ""
                    : " · note: " + String.join("; ", stored.get(0).warnings());
            status.set(String.format("Made %d clip%s of %s with %s · seed %d%s", stored.size(),
                    stored.size() == 1 ? "" : "s", StatusText.seconds(expected), modelName, params.seed(), warning));
            progress.set(1);
            onClipsSaved.accept(files);
            if (selected.get() != null && selected.get().file() != null) {
                onClipSelected.accept(selected.get().file());
            }
            if (autoPlay.get() && player.active() == null) {
                player.start(cards.get(0), -1);
            }
        }).onCancelled(() -> {
            takeIn(job, cards);
            cards.forEach(c -> {
                c.cancelled();
                player.ended(c);
            });
            progress.set(0);
            status.set("Cancelled: nothing from this run was saved; your prompt and settings are unchanged.");
        }).onFailure(e -> {
            takeIn(job, cards);
            String why = StatusText.reason(e);
            cards.forEach(c -> {
                c.failed("Failed");
                player.ended(c);
            });
            progress.set(0);
            status.set("Generation failed: " + why);
        }).onFinished(() -> {
            running.set(false);
            runHandle = null;
        }));
    }

    /** Stops the run within one step; nothing of it is stored. */
    public void cancel() {
        if (runHandle != null) {
            runHandle.cancel();
            status.set("Cancelling…");
        }
    }

    /** Plays, pauses or resumes a variant (the selected span only, when one is selected). */
    public void togglePlay(VariantViewModel v) {
        selected.set(v);
        if (!player.available()) {
            status.set("Can't play: " + player.unavailableReason());
            return;
        }
        if (!player.toggle(v)) {
            status.set(v.title() + " has no audio yet");
        }
    }

    /** Space: plays or pauses the selected variant. */
    public void togglePlaySelected() {
        VariantViewModel v = selected.get();
        if (v == null && !variants.isEmpty()) {
            v = variants.get(0);
        }
        if (v != null) {
            togglePlay(v);
        }
    }

    /** Applies a card's loop switch to what plays now. */
    public void loopChanged(VariantViewModel v) {
        player.loopChanged(v);
    }

    public void stopPlayback() {
        player.stop();
    }

    /** Exports a finished variant (audio with tags, plus the JSON sidecar) to {@code target}. */
    public void export(VariantViewModel v, Path target, ExportFormat format) {
        if (v.clip() == null) {
            status.set(v.title() + " is not finished, so there is nothing to export yet");
            return;
        }
        status.set("Exporting " + target.getFileName() + "…");
        executor.execute(BackgroundTask.of("Export", ctx -> ClipExporter.export(v.clip(), v.record(), target, format))
                .onSuccess(sidecar -> status.set("Exported " + target.getFileName() + " (" + format.label()
                        + ") with " + sidecar.getFileName()))
                .onFailure(e -> status.set("Could not export " + target.getFileName() + ": " + StatusText.reason(e))));
    }

    /** A name to offer in the export dialog. */
    public String suggestedExportName(VariantViewModel v, ExportFormat format) {
        return v.record() == null ? "clip." + format.extension() : ClipExporter.suggestedName(v.record(), format);
    }

    // ---- internals ----

    /** Puts the chunks decoded so far into their cards (FX thread); starts variant 1 when it can stream. */
    private void takeIn(GenerationRun job, List<VariantViewModel> cards) {
        boolean first = cards.get(0).audio().length() == 0;
        GenerationRun.Chunk c;
        while ((c = job.nextChunk()) != null) {
            VariantViewModel card = cards.get(c.variant());
            card.appendAudio(c.mono());
            player.appended(card, c.mono());
        }
        if (first && cards.get(0).audio().length() > 0 && autoPlay.get() && player.active() == null
                && player.canStream()) {
            player.start(cards.get(0), -1); // without streaming, variant 1 plays when it is done
        }
    }

    private void refresh() {
        String reason = prompt.fieldProblem();
        MusicModel m = model.getValue();
        if (m == null) {
            reason = "No model is loaded: choose one in the model selector.";
        } else if (!m.config().canGenerate()) {
            reason = "The model " + m.config().id() + " is a codec only and cannot generate: choose another.";
        } else if (prompt.isBlank()) {
            reason = EMPTY_PROMPT;
        }
        blockedReason.set(reason);
        canGenerate.set(reason.isEmpty() && !running.get());
    }

    private static String shortened(String text) {
        return text.length() <= 48 ? text : text.substring(0, 47) + "…";
    }
}
