package studio.codebook.ui.finetune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.Split;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;

/**
 * The Fine-tune view's state and commands: the folder and its scan (a table of tracks with editable
 * captions and skip reasons), the settings, the run with pause/resume/cancel, the charts, the new model,
 * and the before/after comparison. Every command is called on the FX thread; the scan, the training and
 * the comparison run through the {@link TaskExecutor}, whose callbacks also arrive on the FX thread.
 *
 * <p>Where things are written: the new model into {@code modelsFolder/<name>} (all at once, see
 * {@link ModelPublisher}); the run (manifests with the caption edits, checkpoints, metrics) into
 * {@code runsFolder/<name>-<date>}. The user's folder is only read: a caption edit is kept in the
 * manifest of the run, never written as a sidecar beside the track, so choosing a folder never changes it.
 */
public final class FineTuneViewModel {

    /** Charts take new points at most this often (the training thread may report far more steps). */
    static final long CHART_INTERVAL_NANOS = 250_000_000L;
    /** Points kept per chart line. */
    static final int CHART_POINTS = 300;
    private static final DateTimeFormatter RUN_DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final TaskExecutor executor;
    private final ObservableValue<Path> baseModelFolder;
    private final Path modelsFolder;
    private final Path runsFolder;
    private final Consumer<Path> onModelCreated;

    private final ReadOnlyBooleanWrapper training = new ReadOnlyBooleanWrapper(this, "training");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyObjectWrapper<RunProgress> runProgress = new ReadOnlyObjectWrapper<>(this, "runProgress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyObjectWrapper<Path> createdModel = new ReadOnlyObjectWrapper<>(this, "createdModel");
    private final ReadOnlyObjectWrapper<FineTuneOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");

    private final List<MetricSeries> lossSeries = List.of(
            new MetricSeries(FineTuneJob.RECONSTRUCTION, CHART_POINTS),
            new MetricSeries(FineTuneJob.COMMITMENT, CHART_POINTS),
            new MetricSeries(FineTuneJob.MMD_TRAINING, CHART_POINTS),
            new MetricSeries(FineTuneJob.LM_NLL, CHART_POINTS),
            new MetricSeries(FineTuneJob.LM_NLL_VALIDATION, CHART_POINTS));
    private final List<MetricSeries> validationSeries = List.of(
            new MetricSeries(FineTuneJob.MMD_VALIDATION, CHART_POINTS),
            new MetricSeries(FineTuneJob.TC_VALIDATION, CHART_POINTS));

    private final FineTuneSettingsModel settings;
    private final BeforeAfterViewModel comparison;
    private final TrackTableModel table;

    private final BooleanBinding canStart;

    private RunControl control;
    private MetricRecorder recorder = new MetricRecorder();
    private final AtomicReference<RunProgress> latestProgress = new AtomicReference<>();
    private long lastChartUpdate;
    private Path trainedFrom;
    private Path trainedOn;
    private LibraryConfig trainingLoudness;

    /**
     * @param executor runs the scan, the training and the comparison
     * @param baseModelFolder the model selected in the window (the one fine-tuning starts from); may hold null
     * @param modelsFolder where new models are written, one folder each ({@code <data>/models})
     * @param onModelCreated told the new model's folder once it is complete (the model selector lists it)
     * @param playback plays the before/after clips
     */
    public FineTuneViewModel(TaskExecutor executor, ObservableValue<Path> baseModelFolder, Path modelsFolder,
            Consumer<Path> onModelCreated, Playback playback) {
        this(executor, baseModelFolder, modelsFolder, defaultRunsFolder(modelsFolder), onModelCreated, playback);
    }

    /** As the other constructor, with the folder runs are kept in given ({@code <data>/training-runs} otherwise). */
    public FineTuneViewModel(TaskExecutor executor, ObservableValue<Path> baseModelFolder, Path modelsFolder,
            Path runsFolder, Consumer<Path> onModelCreated, Playback playback) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.baseModelFolder = Objects.requireNonNull(baseModelFolder, "baseModelFolder");
        this.modelsFolder = Objects.requireNonNull(modelsFolder, "modelsFolder");
        this.runsFolder = Objects.requireNonNull(runsFolder, "runsFolder");
        this.onModelCreated = Objects.requireNonNull(onModelCreated, "onModelCreated");
        Objects.requireNonNull(playback, "playback");
        this.settings = new FineTuneSettingsModel(baseModelFolder, modelsFolder);
        this.comparison = new BeforeAfterViewModel(executor, playback);
        this.table = new TrackTableModel(executor, baseModelFolder, settings.segmentSecondsProperty()::get,
                training::get, (text, isError) -> {
                    message.set(text);
                    messageIsError.set(isError);
                });
        table.scanProperty().addListener((obs, old, now) -> comparison.trackProperty().set(table.heldOutTrack()));
        canStart = Bindings.createBooleanBinding(() -> !training.get() && !table.scanningProperty().get()
                && table.scanProperty().get() != null && baseModelFolder.getValue() != null, training,
                table.scanningProperty(), table.scanProperty(), baseModelFolder);
    }

    /** {@code <data>/training-runs} beside {@code <data>/models}. */
    static Path defaultRunsFolder(Path modelsFolder) {
        Path parent = modelsFolder.toAbsolutePath().getParent();
        return (parent != null ? parent : modelsFolder.toAbsolutePath()).resolve("training-runs");
    }

    /** Starts fine-tuning the selected model on the scanned folder with the current settings. */
    public void start() {
        if (training.get()) {
            return;
        }
        FineTuneSettings s;
        try {
            s = settings.settings();
        } catch (IllegalArgumentException e) {
            error("Settings: " + e.getMessage());
            return;
        }
        Path base = baseModelFolder.getValue();
        if (base == null) {
            error("Choose the model to start from in the window's model selector.");
            return;
        }
        LibraryScan scan = table.scanProperty().get();
        Manifest manifest = table.manifest();
        if (scan == null || manifest == null) {
            error("Choose a folder of tracks first.");
            return;
        }
        Path library = table.folderProperty().get();
        if (manifest.tracks().stream().noneMatch(t -> t.split() == Split.TRAINING)) {
            error("No usable tracks to train on in " + library + ".");
            return;
        }
        Path target = ModelPublisher.target(modelsFolder, s.modelName());
        if (Files.exists(target)) {
            error("A model named '" + s.modelName() + "' already exists in " + modelsFolder + "; choose another name.");
            return;
        }
        Path runDir = newRunDir(s.modelName());
        recorder = new MetricRecorder();
        latestProgress.set(null);
        lossSeries.forEach(MetricSeries::clear);
        validationSeries.forEach(MetricSeries::clear);
        control = new RunControl();
        trainedFrom = base;
        createdModel.set(null);
        outcome.set(null);
        comparison.reset();
        progress.set(0);
        progressText.set("starting …");
        paused.set(false);
        training.set(true);
        info("Fine-tuning " + base.getFileName() + " on " + library.getFileName() + " (" + s.target() + ", "
                + s.steps() + " steps per phase). The run is kept in " + runDir + ".");
        FineTuneJob job = new FineTuneJob(library, scan, manifest, s, base, modelsFolder, runDir, control,
                recorder, latestProgress);
        trainedOn = library;
        trainingLoudness = manifest.config();
        executor.execute(BackgroundTask.of("Fine-tuning " + s.modelName(), job)
                .onProgress((fraction, text) -> showProgress(false))
                .onSuccess(this::finished)
                .onFailure(e -> {
                    showProgress(true);
                    error("Fine-tuning failed: " + describe(e) + " (the run folder " + runDir + " keeps what was"
                            + " written; no model was added)");
                })
                .onCancelled(() -> {
                    showProgress(true);
                    info("Cancelled before training started; no model was added.");
                })
                .onFinished(() -> {
                    training.set(false);
                    paused.set(false);
                    control = null;
                }));
    }

    private Path newRunDir(String name) {
        String base = name + "-" + LocalDateTime.now().format(RUN_DATE);
        Path dir = runsFolder.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = runsFolder.resolve(base + "-" + i);
        }
        return dir;
    }

    /** Holds the run after its current step. */
    public void pause() {
        if (training.get() && !paused.get() && control != null) {
            control.pause();
            paused.set(true);
            showProgress(true);
        }
    }

    public void resume() {
        if (training.get() && paused.get() && control != null) {
            control.resume();
            paused.set(false);
            showProgress(true);
        }
    }

    /**
     * Stops the run after its current step. The trainer writes a checkpoint (kept in the run folder, and
     * the message says where); no model is added to the models folder.
     */
    public void cancel() {
        if (training.get() && control != null) {
            control.cancel();
            paused.set(false);
            info("Stopping after the current step and writing a checkpoint …");
        }
    }

    private void showProgress(boolean chartsNow) {
        RunProgress p = latestProgress.get();
        if (p != null) {
            runProgress.set(p);
            progress.set(p.fraction());
            progressText.set(describe(p));
        }
        long now = System.nanoTime();
        if (chartsNow || now - lastChartUpdate >= CHART_INTERVAL_NANOS) {
            lastChartUpdate = now;
            Map<String, List<MetricPoint>> taken = recorder.take();
            for (MetricSeries series : allSeries()) {
                List<MetricPoint> points = taken.get(series.name());
                if (points != null) {
                    series.append(points);
                }
            }
        }
    }

    private String describe(RunProgress p) {
        StringBuilder text = new StringBuilder();
        text.append(p.phase()).append(" phase");
        if (p.phaseCount() > 1) {
            text.append(" (").append(p.phaseNumber()).append(" of ").append(p.phaseCount()).append(')');
        }
        text.append(": step ").append(p.step()).append(" of ").append(p.totalSteps());
        if (paused.get()) {
            text.append(" · paused");
        } else if (!p.activity().isEmpty()) {
            text.append(" · ").append(p.activity());
        } else if (Double.isFinite(p.etaSeconds())) {
            text.append(" · ").append(duration(p.etaSeconds())).append(" left in this phase");
        }
        if (p.skippedSteps() > 0) {
            text.append(" · ").append(p.skippedSteps()).append(" steps skipped (non-finite)");
        }
        return text.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return "about " + s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "about %d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "about %d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private void finished(FineTuneOutcome result) {
        showProgress(true);
        outcome.set(result);
        if (result.cancelled()) {
            info(String.format(Locale.ROOT, "Cancelled at step %d of %d of the %s phase. The last checkpoint is kept"
                    + " in %s; no model was added.", result.step(), result.totalSteps(), result.phase(),
                    result.lastCheckpoint()));
            return;
        }
        progress.set(1);
        createdModel.set(result.model());
        comparison.modelsReady(trainedFrom, result.model(), trainedOn, trainingLoudness);
        info("Model '" + result.model().getFileName() + "' created in " + result.model().getParent()
                + ". It is in the model selector; compare a held-out track below.");
        onModelCreated.accept(result.model());
    }

    private List<MetricSeries> allSeries() {
        List<MetricSeries> all = new ArrayList<>(lossSeries);
        all.addAll(validationSeries);
        return all;
    }

    // ---------------------------------------------------------------- messages

    private void info(String text) {
        message.set(text);
        messageIsError.set(false);
    }

    private void error(String text) {
        message.set(text);
        messageIsError.set(true);
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- properties

    /** The folder, its scan and the track table with the caption edits. */
    public TrackTableModel table() {
        return table;
    }

    /** The settings sheet's state. */
    public FineTuneSettingsModel settings() {
        return settings;
    }

    /** The before/after comparison of the model a run created. */
    public BeforeAfterViewModel comparison() {
        return comparison;
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public ReadOnlyBooleanProperty trainingProperty() {
        return training.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** Done over the whole run, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "codec phase (1 of 2): step 120 of 1000 · about 2 min 10 s left in this phase". */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The latest progress of the run, or null before it reports. */
    public ReadOnlyObjectProperty<RunProgress> runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    /** The last thing to tell the user (scan summary, "model created", why something cannot be done). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** The new model's folder once the run completed and published it. */
    public ReadOnlyObjectProperty<Path> createdModelProperty() {
        return createdModel.getReadOnlyProperty();
    }

    /** How the last run ended (completed or cancelled), or null. */
    public ReadOnlyObjectProperty<FineTuneOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Per-step losses: reconstruction, commitment, the λ-weighted MMD², LM NLL, and the LM's validation NLL. */
    public List<MetricSeries> lossSeries() {
        return lossSeries;
    }

    /** Measured at each codec validation: MMD² and total correlation. */
    public List<MetricSeries> validationSeries() {
        return validationSeries;
    }
}
