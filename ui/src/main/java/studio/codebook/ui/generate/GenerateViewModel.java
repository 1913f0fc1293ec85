package studio.codebook.ui.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
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
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.engine.generate.GeneratedClip;
import studio.codebook.engine.generate.GenerationListener;
import studio.codebook.engine.generate.GenerationParams;
import studio.codebook.engine.generate.GenerationProgress;
import studio.codebook.engine.generate.GenerationResult;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.ClipSink;
import studio.codebook.ui.common.ModelLease;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskContext;
import studio.codebook.ui.common.TaskExecutor;
import studio.codebook.ui.common.TaskHandle;

/**
 * The Generate view's state and commands: the prompt (with history, presets, tempo and key worded in), the
 * sampling settings and seed, the audio to continue, and the run itself. A run generates all variants in
 * one background task; decoded chunks stream into the variant cards as they are made, each finished clip
 * is stored through the {@link ClipSink} with its {@link ClipRecord}, and Cancel stops within one step,
 * stores nothing and keeps every setting. All properties change on the FX thread (the task executor
 * delivers progress there; chunks queue up and are taken in on each progress report).
 */
public final class GenerateViewModel {

    public static final int MAX_VARIANTS = 4;
    /** Longer audio to continue is cut to its last this-many seconds. */
    public static final double MAX_CONTINUATION_SECONDS = 30;
    static final String EMPTY_PROMPT = "Type a prompt (or pick a preset) to generate.";

    private final TaskExecutor executor;
    private final ObservableValue<MusicModel> model;
    private final ClipSink sink;
    private final VariantPlayer player;
    private final PromptHistory history = new PromptHistory();
    private final List<PresetPrompts.Preset> presets = PresetPrompts.bundled();
    private final ObservableList<VariantViewModel> variants = FXCollections.observableArrayList();

    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final StringProperty negativePrompt = new SimpleStringProperty(this, "negativePrompt", "");
    private final StringProperty tempo = new SimpleStringProperty(this, "tempo", "");
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final DoubleProperty durationSeconds = new SimpleDoubleProperty(this, "durationSeconds", 10);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 250);
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP", 0);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 1);
    private final DoubleProperty cfgScale = new SimpleDoubleProperty(this, "cfgScale", 3);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", newSeed());
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(this, "seedLocked", false);
    private final IntegerProperty variantCount = new SimpleIntegerProperty(this, "variantCount", 1);
    private final BooleanProperty autoPlay = new SimpleBooleanProperty(this, "autoPlay", true);
    private final ObjectProperty<VariantViewModel> selected = new SimpleObjectProperty<>(this, "selected");

    private final ReadOnlyStringWrapper composedPrompt = new ReadOnlyStringWrapper(this, "composedPrompt", "");
    private final ReadOnlyStringWrapper promptNote = new ReadOnlyStringWrapper(this, "promptNote", "");
    private final ReadOnlyStringWrapper blockedReason = new ReadOnlyStringWrapper(this, "blockedReason", "");
    private final ReadOnlyBooleanWrapper canGenerate = new ReadOnlyBooleanWrapper(this, "canGenerate");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Long> seedUsed = new ReadOnlyObjectWrapper<>(this, "seedUsed");
    private final ReadOnlyObjectWrapper<Path> continuation = new ReadOnlyObjectWrapper<>(this, "continuation");
    private final ReadOnlyDoubleWrapper continuationSeconds = new ReadOnlyDoubleWrapper(this, "continuationSeconds");

    private AudioClip continuationClip;
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
        this.leases = () -> Optional.ofNullable(ModelLease.unowned(model.getValue()));
        for (Observable o : new Observable[] {prompt, tempo, key, model, running}) {
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

    // ---- properties ----

    public StringProperty promptProperty() {
        return prompt;
    }

    public StringProperty negativePromptProperty() {
        return negativePrompt;
    }

    /** Blank or a whole number of BPM. */
    public StringProperty tempoProperty() {
        return tempo;
    }

    /** Blank or a key such as "D minor". */
    public StringProperty keyProperty() {
        return key;
    }

    /** Seconds of new audio. */
    public DoubleProperty durationSecondsProperty() {
        return durationSeconds;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public DoubleProperty cfgScaleProperty() {
        return cfgScale;
    }

    /** The seed of the next run (of variant 1; variant i uses seed + i − 1). */
    public LongProperty seedProperty() {
        return seed;
    }

    /** When false, every run draws a new seed (and shows it here); when true, runs reuse the seed. */
    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    /** 1 to {@value #MAX_VARIANTS}. */
    public IntegerProperty variantCountProperty() {
        return variantCount;
    }

    /** Start playing variant 1 as soon as its audio arrives (streamed) or is done (without streaming). */
    public BooleanProperty autoPlayProperty() {
        return autoPlay;
    }

    /** The card the keyboard acts on (Space plays/pauses it). */
    public ObjectProperty<VariantViewModel> selectedProperty() {
        return selected;
    }

    /** The prompt the model will read: the typed prompt with tempo and key worded in. */
    public ReadOnlyStringProperty composedPromptProperty() {
        return composedPrompt.getReadOnlyProperty();
    }

    /** Why a tempo or key field was not added (the prompt already says one), or empty. */
    public ReadOnlyStringProperty promptNoteProperty() {
        return promptNote.getReadOnlyProperty();
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

    /** The audio file being continued, or null. */
    public ReadOnlyObjectProperty<Path> continuationProperty() {
        return continuation.getReadOnlyProperty();
    }

    /** Seconds of it that are continued. */
    public ReadOnlyDoubleProperty continuationSecondsProperty() {
        return continuationSeconds.getReadOnlyProperty();
    }

    /** Recent prompts, most recent first; the shell persists {@link PromptHistory#items()}. */
    public PromptHistory history() {
        return history;
    }

    public List<PresetPrompts.Preset> presets() {
        return presets;
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

    public void applyPreset(PresetPrompts.Preset preset) {
        prompt.set(preset.prompt());
    }

    /** Draws a new seed into the seed field (the dice). */
    public void rollSeed() {
        seed.set(newSeed());
    }

    /** Loads a stored clip's settings so Generate makes it again (the library's "Regenerate"). */
    public void load(ClipRecord record) {
        GenerationParams p = record.params();
        prompt.set(p.prompt());
        tempo.set("");
        key.set("");
        negativePrompt.set(p.negativePrompt());
        durationSeconds.set(p.durationSeconds());
        topK.set(p.topK());
        topP.set(p.topP());
        temperature.set(p.temperature());
        cfgScale.set(p.cfgScale());
        seed.set(record.seed()); // this variant's own seed: variant 1 of a one-variant run makes it again
        seedLocked.set(true);
        variantCount.set(1);
        clearContinuation();
        status.set("Loaded the settings of \"" + shortened(p.prompt()) + "\" (seed " + record.seed() + ")");
        if (record.continuedFrom() != null) {
            Path from = Path.of(record.continuedFrom());
            if (Files.isRegularFile(from)) {
                continueFrom(from);
            } else {
                status.set("Loaded the settings, but the file it continued (" + from
                        + ") is gone: it will generate without it");
            }
        }
    }

    /** Uses an audio file (WAV, FLAC, MP3, Ogg) as the start of the next clips: the model continues it. */
    public void continueFrom(Path file) {
        status.set("Reading " + file.getFileName() + "…");
        executor.execute(BackgroundTask.of("Read audio to continue", ctx -> {
            AudioClip clip = studio.codebook.engine.audio.AudioReader.read(file);
            return lastSeconds(clip, MAX_CONTINUATION_SECONDS);
        }).onSuccess(clip -> {
            continuationClip = clip;
            continuation.set(file);
            continuationSeconds.set(clip.durationSeconds());
            status.set(String.format("Continuing %s (%s): Generate adds %s after it", file.getFileName(),
                    seconds(clip.durationSeconds()), seconds(durationSeconds.get())));
        }).onFailure(e -> status.set("Can't continue " + file.getFileName() + ": " + message(e))));
    }

    public void clearContinuation() {
        continuationClip = null;
        continuation.set(null);
        continuationSeconds.set(0);
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
        PromptComposer.Composition composition = PromptComposer.compose(prompt.get(), tempo.get(), key.get());
        if (!seedLocked.get()) {
            seed.set(newSeed());
        }
        GenerationParams params;
        try {
            params = new GenerationParams(composition.text(), negativePrompt.get(), durationSeconds.get(), topK.get(),
                    topP.get(), temperature.get(), cfgScale.get(), seed.get(),
                    Math.max(1, Math.min(MAX_VARIANTS, variantCount.get())));
        } catch (IllegalArgumentException e) {
            lease.close();
            status.set(capitalised(e.getMessage()));
            return;
        }
        history.add(prompt.get());
        AudioClip prompted = continuationClip;
        Path continuedFile = continuation.get();
        List<VariantViewModel> cards = new ArrayList<>();
        double expected = (prompted == null ? 0 : prompted.durationSeconds()) + params.durationSeconds();
        for (int v = 0; v < params.variants(); v++) {
            cards.add(new VariantViewModel(v, params.seed() + v, m.config().sampleRate(), expected));
        }
        player.forget(variants);
        variants.setAll(cards);
        selected.set(cards.get(0));
        ConcurrentLinkedQueue<Chunk> arrived = new ConcurrentLinkedQueue<>();
        running.set(true);
        progress.set(0);
        seedUsed.set(params.seed());
        status.set("Starting…");
        String modelName = m.config().id();
        runHandle = executor.execute(BackgroundTask.<List<Stored>>of("Generate", ctx -> {
            try (lease) {
                return run(m, params, prompted, continuedFile, arrived, ctx);
            }
        }).onProgress((fraction, message) -> {
            takeIn(arrived, cards);
            progress.set(fraction);
            status.set(message);
        }).onSuccess(stored -> {
            takeIn(arrived, cards);
            List<Path> files = new ArrayList<>();
            for (Stored s : stored) {
                VariantViewModel card = cards.get(s.clip.variant());
                card.finish(s.clip.audio(), s.record, s.file);
                player.ended(card);
                files.add(s.file);
            }
            String warning = stored.isEmpty() || stored.get(0).warnings.isEmpty() ? ""
                    : " · note: " + String.join("; ", stored.get(0).warnings);
            status.set(String.format("Made %d clip%s of %s with %s · seed %d%s", stored.size(),
                    stored.size() == 1 ? "" : "s", seconds(expected), modelName, params.seed(), warning));
            progress.set(1);
            onClipsSaved.accept(files);
            if (selected.get() != null && selected.get().file() != null) {
                onClipSelected.accept(selected.get().file());
            }
            if (autoPlay.get() && player.active() == null) {
                player.start(cards.get(0), -1);
            }
        }).onCancelled(() -> {
            takeIn(arrived, cards);
            cards.forEach(c -> {
                c.cancelled();
                player.ended(c);
            });
            progress.set(0);
            status.set("Cancelled: nothing from this run was saved; your prompt and settings are unchanged.");
        }).onFailure(e -> {
            takeIn(arrived, cards);
            String why = message(e);
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
                .onFailure(e -> status.set("Could not export " + target.getFileName() + ": " + message(e))));
    }

    /** A name to offer in the export dialog. */
    public String suggestedExportName(VariantViewModel v, ExportFormat format) {
        return v.record() == null ? "clip." + format.extension() : ClipExporter.suggestedName(v.record(), format);
    }

    // ---- internals ----

    private record Chunk(int variant, float[] mono) {}

    private record Stored(GeneratedClip clip, ClipRecord record, Path file, List<String> warnings) {}

    /** The run itself, off the FX thread: generates, queues decoded chunks for the cards, stores each clip. */
    private List<Stored> run(MusicModel m, GenerationParams params, AudioClip prompted, Path continuedFile,
            ConcurrentLinkedQueue<Chunk> arrived, TaskContext ctx) throws Exception {
        GenerationListener listener = new GenerationListener() {
            @Override
            public void progress(GenerationProgress p) {
                ctx.progress(p.fraction(), progressLine(p));
            }

            @Override
            public boolean wantsAudio() {
                return true;
            }

            @Override
            public void audio(int variant, AudioClip chunk, long startSample) {
                arrived.add(new Chunk(variant, chunk.monoSamples()));
            }

            @Override
            public boolean cancelled() {
                return ctx.isCancelled();
            }
        };
        GenerationResult result = m.generator().generate(params, prompted, listener);
        ctx.checkCancelled();
        ctx.progress(1, "Saving…");
        List<Stored> stored = new ArrayList<>();
        for (GeneratedClip clip : result.clips()) {
            ClipRecord record = record(params, clip, result, m, continuedFile);
            stored.add(new Stored(clip, record, sink.save(clip.audio(), record), result.warnings()));
        }
        return stored;
    }

    private void takeIn(ConcurrentLinkedQueue<Chunk> arrived, List<VariantViewModel> cards) {
        boolean first = cards.get(0).audio().length() == 0;
        Chunk c;
        while ((c = arrived.poll()) != null) {
            VariantViewModel card = cards.get(c.variant);
            card.appendAudio(c.mono);
            player.appended(card, c.mono);
        }
        if (first && cards.get(0).audio().length() > 0 && autoPlay.get() && player.active() == null
                && player.canStream()) {
            player.start(cards.get(0), -1); // without streaming, variant 1 plays when it is done
        }
    }

    private void refresh() {
        String reason = "";
        String note = "";
        String composed = prompt.get() == null ? "" : prompt.get().strip();
        MusicModel m = model.getValue();
        try {
            PromptComposer.Composition c = PromptComposer.compose(prompt.get(), tempo.get(), key.get());
            composed = c.text();
            note = String.join("; ", c.notes());
        } catch (IllegalArgumentException e) {
            reason = e.getMessage();
        }
        if (m == null) {
            reason = "No model is loaded: choose one in the model selector.";
        } else if (!m.config().canGenerate()) {
            reason = "The model " + m.config().id() + " is a codec only and cannot generate: choose another.";
        } else if (prompt.get() == null || prompt.get().isBlank()) {
            reason = EMPTY_PROMPT;
        }
        composedPrompt.set(composed);
        promptNote.set(note);
        blockedReason.set(reason);
        canGenerate.set(reason.isEmpty() && !running.get());
    }

    private ClipRecord record(GenerationParams params, GeneratedClip clip, GenerationResult result, MusicModel m,
            Path continuedFile) {
        double frameRate = m.codec().frameRate();
        return new ClipRecord(null, Instant.now().toString(), appName(), params, clip.variant(), clip.seed(),
                m.config().id(), m.hash(), continuedFile == null ? null : continuedFile.toString(),
                clip.promptFrames() / frameRate, clip.audio().durationSeconds(), clip.audio().sampleRate(),
                ClipRecord.Timings.of(result));
    }

    static String appName() {
        String v = GenerateViewModel.class.getPackage().getImplementationVersion();
        return "Codebook Studio " + (v == null ? "(development build)" : v);
    }

    private static String progressLine(GenerationProgress p) {
        double rate = p.stepsPerSecond();
        String eta = rate > 0 && p.step() < p.totalSteps()
                ? String.format(" · about %s left", seconds((p.totalSteps() - p.step()) / rate)) : "";
        return String.format("Generating: step %d of %d (%.0f steps/s)%s", p.step(), p.totalSteps(), rate, eta);
    }

    private static AudioClip lastSeconds(AudioClip clip, double seconds) {
        int keep = (int) Math.round(seconds * clip.sampleRate());
        if (clip.numFrames() <= keep) {
            return clip;
        }
        float[][] channels = new float[clip.numChannels()][];
        int from = clip.numFrames() - keep;
        for (int c = 0; c < channels.length; c++) {
            channels[c] = java.util.Arrays.copyOfRange(clip.channel(c), from, clip.numFrames());
        }
        return new AudioClip(channels, clip.sampleRate());
    }

    private static long newSeed() {
        return ThreadLocalRandom.current().nextLong(1L << 32);
    }

    static String seconds(double s) {
        return s < 10 ? String.format("%.1f s", s) : String.format("%.0f s", s);
    }

    private static String shortened(String text) {
        return text.length() <= 48 ? text : text.substring(0, 47) + "…";
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
