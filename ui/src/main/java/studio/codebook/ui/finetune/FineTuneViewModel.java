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
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codebook.engine.model.ModelFolder;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.training.data.LibraryScan;
import studio.codebook.training.data.Manifest;
import studio.codebook.training.data.ScanListener;
import studio.codebook.training.data.SkippedFile;
import studio.codebook.training.data.Split;
import studio.codebook.training.data.TrackEntry;
import studio.codebook.training.data.TrackLibrary;
import studio.codebook.training.loss.Alignment;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;
import studio.codebook.ui.common.TaskHandle;

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
    private static final long SEED = 1;
    private static final DateTimeFormatter RUN_DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final TaskExecutor executor;
    private final ObservableValue<Path> baseModelFolder;
    private final Path modelsFolder;
    private final Path runsFolder;
    private final Consumer<Path> onModelCreated;
    private final Playback playback;

    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ReadOnlyDoubleWrapper scanProgress = new ReadOnlyDoubleWrapper(this, "scanProgress");
    private final ObservableList<TrackRow> tracks = FXCollections.observableArrayList();
    private final ObservableList<TrackRow> usableTracks = FXCollections.observableArrayList();
    // read-only views, made once: such a wrapper listens to its list weakly
    private final ObservableList<TrackRow> tracksView = FXCollections.unmodifiableObservableList(tracks);
    private final ObservableList<TrackRow> usableTracksView = FXCollections.unmodifiableObservableList(usableTracks);

    private final ObjectProperty<TrainingTarget> target = new SimpleObjectProperty<>(this, "target");
    private final ObjectProperty<Double> independenceWeight = new SimpleObjectProperty<>(this, "independenceWeight");
    private final ObjectProperty<Alignment> alignment = new SimpleObjectProperty<>(this, "alignment");
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps");
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>(this, "batchSize");
    private final ObjectProperty<Double> codecLearningRate = new SimpleObjectProperty<>(this, "codecLearningRate");
    private final ObjectProperty<Double> lmLearningRate = new SimpleObjectProperty<>(this, "lmLearningRate");
    private final ObjectProperty<Double> segmentSeconds = new SimpleObjectProperty<>(this, "segmentSeconds");
    private final ObjectProperty<Integer> lmFrames = new SimpleObjectProperty<>(this, "lmFrames");
    private final StringProperty modelName = new SimpleStringProperty(this, "modelName", "");
    private final ReadOnlyStringWrapper baseModelName = new ReadOnlyStringWrapper(this, "baseModelName");

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

    private final ObjectProperty<TrackRow> comparisonTrack = new SimpleObjectProperty<>(this, "comparisonTrack");
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper(this, "comparing");
    private final ReadOnlyObjectWrapper<BeforeAfter> beforeAfter = new ReadOnlyObjectWrapper<>(this, "beforeAfter");
    private final ReadOnlyStringWrapper comparisonText = new ReadOnlyStringWrapper(this, "comparisonText", "");

    private final BooleanBinding canStart;

    private LibraryScan scan;
    private Manifest manifest;
    private Path scannedFolder;
    private TaskHandle scanTask;
    private RunControl control;
    private MetricRecorder recorder = new MetricRecorder();
    private final AtomicReference<RunProgress> latestProgress = new AtomicReference<>();
    private long lastChartUpdate;
    private Path trainedFrom;
    private String suggestedName = "";

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
        this.playback = Objects.requireNonNull(playback, "playback");
        applyDefaults(FineTuneSettings.defaults("tuned"));
        baseModelFolder.addListener((obs, old, now) -> baseModelChanged(now));
        baseModelChanged(baseModelFolder.getValue());
        canStart = Bindings.createBooleanBinding(() -> !training.get() && !scanning.get() && scan != null
                && baseModelFolder.getValue() != null, training, scanning, folder, baseModelFolder);
    }

    /** {@code <data>/training-runs} beside {@code <data>/models}. */
    static Path defaultRunsFolder(Path modelsFolder) {
        Path parent = modelsFolder.toAbsolutePath().getParent();
        return (parent != null ? parent : modelsFolder.toAbsolutePath()).resolve("training-runs");
    }

    private void applyDefaults(FineTuneSettings d) {
        target.set(d.target());
        independenceWeight.set(d.independenceWeight());
        alignment.set(d.alignment());
        steps.set(d.steps());
        batchSize.set(d.batchSize());
        codecLearningRate.set(d.codecLearningRate());
        lmLearningRate.set(d.lmLearningRate());
        segmentSeconds.set(d.segmentSeconds());
        lmFrames.set(d.lmFrames());
    }

    private void baseModelChanged(Path base) {
        baseModelName.set(base == null ? "(none: choose a model in the window's model selector)"
                : String.valueOf(base.getFileName()));
        if (base != null && (modelName.get().isBlank() || modelName.get().equals(suggestedName))) {
            suggestedName = freeName(base.getFileName() + "-tuned");
            modelName.set(suggestedName);
        }
    }

    /** {@code wanted}, or with "-2", "-3" … when the models folder has a model of that name. */
    private String freeName(String wanted) {
        String clean = wanted.replaceAll("[^A-Za-z0-9 ._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        String name = clean.isEmpty() ? "tuned" : clean;
        String candidate = name;
        for (int i = 2; Files.exists(ModelPublisher.target(modelsFolder, candidate)); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    // ---------------------------------------------------------------- folder and scan

    /**
     * Scans {@code libraryFolder} (only reading it) in the background: the table then lists every track
     * and every skipped file. Cuts segments as the codec phase will (the base model's rate, the segment length).
     */
    public void scan(Path libraryFolder) {
        Objects.requireNonNull(libraryFolder, "libraryFolder");
        if (training.get()) {
            error("A fine-tune is running; cancel it before scanning another folder.");
            return;
        }
        cancelScan();
        folder.set(libraryFolder);
        forgetScan();
        Path base = baseModelFolder.getValue();
        Double segment = segmentSeconds.get();
        scanning.set(true);
        scanProgress.set(-1);
        info("Scanning " + libraryFolder + " …");
        BackgroundTask<LibraryScan> task = BackgroundTask.<LibraryScan>of("Scanning " + libraryFolder.getFileName(),
                context -> {
                    int rate = base == null ? LibraryConfig.defaults().sampleRate()
                            : ModelFolder.readConfig(base).sampleRate();
                    LibraryConfig config = FineTuneSettings.library(rate, segment == null ? 1.0 : segment, SEED);
                    return TrackLibrary.scan(libraryFolder, config, new ScanListener() {
                        @Override
                        public void progress(int index, int total, Path file) {
                            context.progress((double) index / Math.max(1, total), "scanning " + (index + 1) + " of "
                                    + total + ": " + file.getFileName());
                        }

                        @Override
                        public boolean cancelled() {
                            return context.isCancelled();
                        }
                    });
                })
                .onProgress((fraction, text) -> {
                    scanProgress.set(fraction);
                    info(text);
                })
                .onSuccess(result -> showScan(libraryFolder, result))
                .onFailure(e -> error("Cannot scan " + libraryFolder + ": " + describe(e)))
                .onCancelled(() -> info("Scan cancelled."))
                .onFinished(() -> {
                    scanning.set(false);
                    scanProgress.set(0);
                });
        scanTask = executor.execute(task);
    }

    /** Stops a running scan; the table stays empty. */
    public void cancelScan() {
        if (scanTask != null && !scanTask.isDone()) {
            scanTask.cancel();
        }
    }

    private void forgetScan() {
        scan = null;
        manifest = null;
        scannedFolder = null;
        tracks.clear();
        usableTracks.clear();
        comparisonTrack.set(null);
        canStartInvalidate();
    }

    private void showScan(Path libraryFolder, LibraryScan result) {
        scan = result;
        manifest = result.manifest();
        scannedFolder = libraryFolder;
        List<TrackRow> rows = new ArrayList<>();
        for (TrackEntry t : manifest.tracks()) {
            rows.add(TrackRow.of(t));
        }
        for (SkippedFile s : manifest.skipped()) {
            rows.add(TrackRow.of(s));
        }
        rows.sort((a, b) -> a.path().compareTo(b.path()));
        tracks.setAll(rows);
        usableTracks.setAll(rows.stream().filter(TrackRow::usable).toList());
        comparisonTrack.set(usableTracks.stream().filter(r -> r.split() == Split.VALIDATION).findFirst()
                .orElse(usableTracks.isEmpty() ? null : usableTracks.get(0)));
        long heldOut = manifest.tracks().stream().filter(t -> t.split() == Split.VALIDATION).count();
        String summary = String.format(Locale.ROOT, "%d tracks (%d held out for validation), %d files skipped.",
                manifest.tracks().size(), heldOut, manifest.skipped().size());
        if (manifest.tracks().isEmpty()) {
            error(summary + " Nothing to train on: see the reasons in the table.");
        } else {
            info(summary + " Captions can be edited; edits stay with the run, your folder is not changed.");
        }
        canStartInvalidate();
    }

    private void canStartInvalidate() {
        if (canStart != null) {
            canStart.invalidate();
        }
    }

    /**
     * Replaces the caption of a usable track for training (the source becomes "edited"). The edit is kept in
     * the run's manifest; nothing is written into the user's folder.
     *
     * @return false (with a message) when the edit is refused: a blank caption, a skipped file, a run going on
     */
    public boolean editCaption(TrackRow row, String text) {
        if (manifest == null || !row.usable() || !tracks.contains(row)) {
            return false;
        }
        if (training.get()) {
            error("Captions cannot change while a fine-tune runs.");
            return false;
        }
        if (text == null || text.isBlank()) {
            error(row.path() + ": a caption cannot be empty; the previous one is kept.");
            return false;
        }
        manifest = manifest.withCaption(row.path(), text);
        TrackEntry entry = manifest.track(row.path()).orElseThrow();
        row.setCaption(entry.caption().text(), entry.caption().source());
        return true;
    }

    // ---------------------------------------------------------------- the run

    /** The settings as chosen, validated. */
    public FineTuneSettings settings() {
        return new FineTuneSettings(value(target, "what to train"), value(independenceWeight, "λ"),
                value(alignment, "alignment"), value(steps, "steps"), value(batchSize, "batch size"),
                value(codecLearningRate, "codec learning rate"), value(lmLearningRate, "language-model learning rate"),
                value(segmentSeconds, "segment length"), value(lmFrames, "language-model window"), SEED,
                modelName.get());
    }

    private static <T> T value(ObservableValue<T> property, String name) {
        T v = property.getValue();
        if (v == null) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v;
    }

    /** Starts fine-tuning the selected model on the scanned folder with the current settings. */
    public void start() {
        if (training.get()) {
            return;
        }
        FineTuneSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            error("Settings: " + e.getMessage());
            return;
        }
        Path base = baseModelFolder.getValue();
        if (base == null) {
            error("Choose the model to start from in the window's model selector.");
            return;
        }
        if (scan == null || manifest == null) {
            error("Choose a folder of tracks first.");
            return;
        }
        if (manifest.tracks().stream().noneMatch(t -> t.split() == Split.TRAINING)) {
            error("No usable tracks to train on in " + scannedFolder + ".");
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
        beforeAfter.set(null);
        comparisonText.set("");
        progress.set(0);
        progressText.set("starting …");
        paused.set(false);
        training.set(true);
        info("Fine-tuning " + base.getFileName() + " on " + scannedFolder.getFileName() + " (" + s.target() + ", "
                + s.steps() + " steps per phase). The run is kept in " + runDir + ".");
        FineTuneJob job = new FineTuneJob(scannedFolder, scan, manifest, s, base, modelsFolder, runDir, control,
                recorder, latestProgress);
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
        info("Model '" + result.model().getFileName() + "' created in " + result.model().getParent()
                + ". It is in the model selector; compare a held-out track below.");
        onModelCreated.accept(result.model());
    }

    private List<MetricSeries> allSeries() {
        List<MetricSeries> all = new ArrayList<>(lossSeries);
        all.addAll(validationSeries);
        return all;
    }

    // ---------------------------------------------------------------- before / after

    /** Reconstructs the chosen track with the base and the new model, in the background. */
    public void compare() {
        TrackRow row = comparisonTrack.get();
        Path created = createdModel.get();
        if (created == null || trainedFrom == null) {
            error("Fine-tune a model first; the comparison uses the model it creates.");
            return;
        }
        if (row == null || !row.usable()) {
            error("Choose a track to compare.");
            return;
        }
        if (comparing.get()) {
            return;
        }
        comparing.set(true);
        beforeAfter.set(null);
        comparisonText.set("Reconstructing " + row.path() + " …");
        BeforeAfterComparison work = new BeforeAfterComparison(trainedFrom, created,
                scannedFolder.resolve(row.path()), row.path(), manifest.config());
        executor.execute(BackgroundTask.of("Comparing " + row.path(), work)
                .onProgress((fraction, text) -> comparisonText.set(text))
                .onSuccess(r -> {
                    beforeAfter.set(r);
                    comparisonText.set(String.format(Locale.ROOT, "%s (first %.1f s): before SI-SNR %.2f dB, mel"
                            + " distance %.3f · after SI-SNR %.2f dB, mel distance %.3f", r.track(), r.seconds(),
                            r.siSnrBefore(), r.melBefore(), r.siSnrAfter(), r.melAfter()));
                })
                .onFailure(e -> comparisonText.set("Comparison failed: " + describe(e)))
                .onCancelled(() -> comparisonText.set("Comparison cancelled."))
                .onFinished(() -> comparing.set(false)));
    }

    public void playOriginal() {
        play(BeforeAfter::original);
    }

    public void playBefore() {
        play(BeforeAfter::before);
    }

    public void playAfter() {
        play(BeforeAfter::after);
    }

    public void stopPlayback() {
        if (playback.available()) {
            playback.stop();
        }
    }

    private void play(java.util.function.Function<BeforeAfter, float[]> which) {
        BeforeAfter r = beforeAfter.get();
        if (r == null) {
            return;
        }
        if (!playback.available()) {
            comparisonText.set("No audio output: " + playback.unavailableReason());
            return;
        }
        playback.play(which.apply(r), r.sampleRate(), 0, r.seconds(), false);
    }

    public boolean playbackAvailable() {
        return playback.available();
    }

    public String playbackUnavailableReason() {
        return playback.unavailableReason();
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

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** 0..1 while scanning, negative when not known yet. */
    public ReadOnlyDoubleProperty scanProgressProperty() {
        return scanProgress.getReadOnlyProperty();
    }

    /** Every file of the scan: usable tracks and skipped files, by path. */
    public ObservableList<TrackRow> tracks() {
        return tracksView;
    }

    /** The usable tracks (for choosing the comparison's track). */
    public ObservableList<TrackRow> usableTracks() {
        return usableTracksView;
    }

    /** The manifest training will use (with the caption edits), or null before a scan. */
    public Manifest manifest() {
        return manifest;
    }

    public ObjectProperty<TrainingTarget> targetProperty() {
        return target;
    }

    public ObjectProperty<Double> independenceWeightProperty() {
        return independenceWeight;
    }

    public ObjectProperty<Alignment> alignmentProperty() {
        return alignment;
    }

    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    public ObjectProperty<Integer> batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Double> codecLearningRateProperty() {
        return codecLearningRate;
    }

    public ObjectProperty<Double> lmLearningRateProperty() {
        return lmLearningRate;
    }

    public ObjectProperty<Double> segmentSecondsProperty() {
        return segmentSeconds;
    }

    public ObjectProperty<Integer> lmFramesProperty() {
        return lmFrames;
    }

    public StringProperty modelNameProperty() {
        return modelName;
    }

    /** The base model's folder name, for display. */
    public ReadOnlyStringProperty baseModelNameProperty() {
        return baseModelName.getReadOnlyProperty();
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

    public ObjectProperty<TrackRow> comparisonTrackProperty() {
        return comparisonTrack;
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BeforeAfter> beforeAfterProperty() {
        return beforeAfter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty comparisonTextProperty() {
        return comparisonText.getReadOnlyProperty();
    }
}
