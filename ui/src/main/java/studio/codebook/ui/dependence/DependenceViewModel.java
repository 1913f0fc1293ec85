package studio.codebook.ui.dependence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.stats.Alignment;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.ModelLease;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;
import studio.codebook.ui.common.LatestTask;

/**
 * State and actions of the Dependence view. {@link #compute()} encodes the chosen audio with model A (and
 * model B when one is loaded for comparison) in a background task and keeps the pooled statistics; changing
 * the alignment or the estimator only re-measures them. With the selected clip as the source, a new clip or
 * model is measured at once.
 */
public final class DependenceViewModel {

    /** The frame offsets the view offers. */
    public static final int MAX_OFFSET = 8;

    private final TaskExecutor executor;
    private final ObservableValue<MusicModel> model;
    private final ObservableValue<Path> selectedClip;

    private final ObjectProperty<AudioSource> source = new SimpleObjectProperty<>(this, "source",
            AudioSource.SELECTED_CLIP);
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");
    private final ReadOnlyObjectWrapper<ValidationSet> validation = new ReadOnlyObjectWrapper<>(this, "validation",
            ValidationSet.unavailable("No model loaded."));
    private final ObjectProperty<Alignment.Kind> alignmentKind = new SimpleObjectProperty<>(this, "alignmentKind",
            Alignment.Kind.FRAME_OFFSET);
    private final IntegerProperty frameOffset = new SimpleIntegerProperty(this, "frameOffset", 0);
    private final ObjectProperty<Estimator> estimator = new SimpleObjectProperty<>(this, "estimator",
            Estimator.MILLER_MADOW);
    private final ReadOnlyObjectWrapper<MusicModel> comparisonModel = new ReadOnlyObjectWrapper<>(this,
            "comparisonModel");
    private final ReadOnlyObjectWrapper<CodesOfCorpus> corpus = new ReadOnlyObjectWrapper<>(this, "corpus");
    private final ReadOnlyObjectWrapper<DependenceFigures> figuresA = new ReadOnlyObjectWrapper<>(this, "figuresA");
    private final ReadOnlyObjectWrapper<DependenceFigures> figuresB = new ReadOnlyObjectWrapper<>(this, "figuresB");
    private final ReadOnlyObjectWrapper<double[][]> matrixA = new ReadOnlyObjectWrapper<>(this, "matrixA");
    private final ReadOnlyObjectWrapper<double[][]> matrixB = new ReadOnlyObjectWrapper<>(this, "matrixB");
    private final ReadOnlyObjectWrapper<double[][]> difference = new ReadOnlyObjectWrapper<>(this, "difference");
    private final ReadOnlyStringWrapper differenceNote = new ReadOnlyStringWrapper(this, "differenceNote", "");
    private final LatestTask task = new LatestTask(this);

    private final ChangeListener<Path> clipListener = (obs, o, p) -> {
        if (source.get() == AudioSource.SELECTED_CLIP && p != null) {
            compute();
        }
    };
    private final ChangeListener<MusicModel> modelListener = (obs, o, m) -> modelChanged(m);

    private Supplier<Optional<ModelLease>> leases;

    public DependenceViewModel(TaskExecutor executor, ObservableValue<MusicModel> model,
            ObservableValue<Path> selectedClip, Playback playback) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.model = Objects.requireNonNull(model, "model");
        this.selectedClip = Objects.requireNonNull(selectedClip, "selectedClip");
        Objects.requireNonNull(playback, "playback");
        this.leases = () -> Optional.ofNullable(ModelLease.unowned(model.getValue()));
        alignmentKind.addListener((obs, o, n) -> remeasure());
        frameOffset.addListener((obs, o, n) -> {
            if (alignmentKind.get() == Alignment.Kind.FRAME_OFFSET) {
                remeasure();
            }
        });
        estimator.addListener((obs, o, n) -> showMatrices());
        source.addListener((obs, o, n) -> {
            if (n == AudioSource.SELECTED_CLIP && selectedClip.getValue() != null) {
                compute();
            }
        });
        selectedClip.addListener(clipListener);
        model.addListener(modelListener);
        modelChanged(model.getValue());
    }

    /**
     * Where a measurement gets its claim on model A (the application passes {@code ModelService::lease}),
     * so that unloading it never frees it under the encoder. Without this, the model is used as given and
     * its owner must keep it open.
     */
    public void setModelLeases(Supplier<Optional<ModelLease>> leases) {
        this.leases = Objects.requireNonNull(leases);
    }

    // ---- properties ----

    public ObjectProperty<AudioSource> sourceProperty() {
        return source;
    }

    /** The folder measured when the source is {@link AudioSource#FOLDER}. */
    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    /** Model A's validation set, or why there is none (the view disables that source then). */
    public ReadOnlyObjectProperty<ValidationSet> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** Frame offset or delay alignment. */
    public ObjectProperty<Alignment.Kind> alignmentKindProperty() {
        return alignmentKind;
    }

    /** d: z^k at frame t paired with z^l at t + d (for the frame-offset alignment). */
    public IntegerProperty frameOffsetProperty() {
        return frameOffset;
    }

    public ObjectProperty<Estimator> estimatorProperty() {
        return estimator;
    }

    /** Model B, loaded for comparison, or null. */
    public ReadOnlyObjectProperty<MusicModel> comparisonModelProperty() {
        return comparisonModel.getReadOnlyProperty();
    }

    /** The pooled codes last measured (files, skipped files, statistics), or null. */
    public ReadOnlyObjectProperty<CodesOfCorpus> corpusProperty() {
        return corpus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DependenceFigures> figuresAProperty() {
        return figuresA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DependenceFigures> figuresBProperty() {
        return figuresB.getReadOnlyProperty();
    }

    /** Model A's K × K matrix under the chosen estimator. */
    public ReadOnlyObjectProperty<double[][]> matrixAProperty() {
        return matrixA.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<double[][]> matrixBProperty() {
        return matrixB.getReadOnlyProperty();
    }

    /** B − A, or null without a comparable model B. */
    public ReadOnlyObjectProperty<double[][]> differenceProperty() {
        return difference.getReadOnlyProperty();
    }

    /** Why there is no difference matrix although model B is loaded, else empty. */
    public ReadOnlyStringProperty differenceNoteProperty() {
        return differenceNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return task.busyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return task.progressProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return task.statusProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return task.errorProperty();
    }

    /** The alignment the controls describe. */
    public Alignment alignment() {
        return alignmentKind.get() == Alignment.Kind.DELAY_PATTERN ? Alignment.delayPattern()
                : Alignment.frameOffset(frameOffset.get());
    }

    // ---- actions ----

    /** Chooses a folder as the source and measures it. */
    public void measureFolder(Path dir) {
        folder.set(dir);
        source.set(AudioSource.FOLDER);
        compute();
    }

    /** Encodes the chosen source with model A (and B) and measures it. */
    public void compute() {
        if (model.getValue() == null) {
            task.setError("No model loaded: choose a model first.");
            return;
        }
        MusicModel b = comparisonModel.get();
        AudioSource from = source.get();
        Path clip = selectedClip.getValue();
        Path dir = folder.get();
        ValidationSet vs = validation.get();
        switch (from) {
            case SELECTED_CLIP -> {
                if (clip == null) {
                    task.setError("No clip selected: select one in the library, or choose a folder.");
                    return;
                }
            }
            case FOLDER -> {
                if (dir == null) {
                    task.setError("Choose a folder of audio first.");
                    return;
                }
            }
            case VALIDATION_SET -> {
                if (!vs.available()) {
                    task.setError(vs.description());
                    return;
                }
            }
        }
        ModelLease lease = leases.get().orElse(null);
        if (lease == null) {
            task.setError("No model loaded: choose a model first.");
            return;
        }
        Alignment alignment = alignment();
        long mine = task.begin();
        task.started(executor.execute(BackgroundTask.<Measured>of("Measuring dependence", context -> {
                    try (lease) {
                        List<Path> files = switch (from) {
                            case SELECTED_CLIP -> List.of(clip);
                            case FOLDER -> {
                                context.progress(-1, "scanning " + dir.getFileName());
                                yield AudioFolder.list(dir);
                            }
                            case VALIDATION_SET -> vs.files();
                        };
                        if (files.isEmpty()) {
                            throw new IOException("no audio files (WAV, FLAC, MP3, Ogg) in " + dir);
                        }
                        CodesOfCorpus c = CodesOfCorpus.encode(files, lease.model(), b, context);
                        return measure(c, alignment);
                    }
                })
                .onProgress((f, m) -> task.progressed(mine, f, m))
                .onSuccess(r -> {
                    if (task.isCurrent(mine)) {
                        show(r);
                        task.setStatus(describe(r.corpus(), from));
                    }
                })
                .onFailure(e -> task.failed(mine, e))
                .onCancelled(() -> task.cancelled(mine, "Cancelled; the figures shown are from the last finished measurement."))
                .onFinished(() -> task.finished(mine))));
    }

    /** Loads a second model from its folder for side-by-side comparison, then re-measures. */
    public void loadComparisonModel(Path dir) {
        MusicModel a = model.getValue();
        ai.djl.Device device = a != null ? a.device() : null; // read here: A may be unloaded
        long mine = task.begin();
        task.started(executor.execute(BackgroundTask.of("Loading " + dir.getFileName(), context -> {
                    context.progress(-1, "loading model " + dir.getFileName());
                    return MusicModel.load(dir, device != null ? device
                            : studio.codebook.engine.device.ComputeDevice.best().device());
                })
                .onSuccess(m -> {
                    if (!task.isCurrent(mine)) {
                        m.close();
                        return;
                    }
                    MusicModel old = comparisonModel.get();
                    comparisonModel.set(m);
                    if (old != null) {
                        old.close();
                    }
                    task.setStatus("Model B: " + m.config().id());
                })
                .onFailure(e -> task.failed(mine, e))
                .onCancelled(() -> task.cancelled(mine, "Cancelled; the figures shown are from the last finished measurement."))
                .onFinished(() -> {
                    task.finished(mine);
                    if (task.isCurrent(mine) && comparisonModel.get() != null && corpus.get() != null) {
                        compute();
                    }
                })));
    }

    /** Drops model B and its figures. */
    public void clearComparison() {
        MusicModel old = comparisonModel.get();
        comparisonModel.set(null);
        if (old != null) {
            old.close();
        }
        CodesOfCorpus c = corpus.get();
        if (c != null && c.b() != null) {
            corpus.set(new CodesOfCorpus(c.a(), null, c.modelA(), null, c.files(), c.skipped()));
        }
        figuresB.set(null);
        showMatrices();
    }

    public void cancel() {
        task.cancel();
    }

    /** Detaches listeners and frees model B. */
    public void dispose() {
        cancel();
        selectedClip.removeListener(clipListener);
        model.removeListener(modelListener);
        clearComparison();
    }

    // ---- internals ----

    /** What one measurement produced (computed off the FX thread). */
    private record Measured(CodesOfCorpus corpus, DependenceFigures a, DependenceFigures b) {
    }

    private static Measured measure(CodesOfCorpus c, Alignment alignment) {
        DependenceFigures fa = DependenceFigures.of(c.modelA(), c.a(), alignment);
        DependenceFigures fb = c.b() == null ? null : DependenceFigures.of(c.modelB(), c.b(), alignment);
        return new Measured(c, fa, fb);
    }

    private void remeasure() {
        CodesOfCorpus c = corpus.get();
        if (c == null) {
            return;
        }
        Alignment alignment = alignment();
        long mine = task.begin();
        task.started(executor.execute(BackgroundTask.of("Measuring " + alignment.describe(), context -> {
                    context.progress(-1, "measuring " + alignment.describe());
                    return measure(c, alignment);
                })
                .onSuccess(r -> {
                    if (task.isCurrent(mine)) {
                        show(r);
                    }
                })
                .onFailure(e -> task.failed(mine, e))
                .onCancelled(() -> task.cancelled(mine, "Cancelled; the figures shown are from the last finished measurement."))
                .onFinished(() -> task.finished(mine))));
    }

    private void show(Measured r) {
        corpus.set(r.corpus());
        figuresA.set(r.a());
        figuresB.set(r.b());
        showMatrices();
    }

    private void showMatrices() {
        DependenceFigures a = figuresA.get();
        DependenceFigures b = figuresB.get();
        Estimator e = estimator.get();
        double[][] ma = a == null ? null : e.values(a.matrix());
        double[][] mb = b == null ? null : e.values(b.matrix());
        matrixA.set(ma);
        matrixB.set(mb);
        if (ma != null && mb != null && ma.length == mb.length) {
            difference.set(differenceOf(ma, mb));
            differenceNote.set("");
        } else {
            difference.set(null);
            differenceNote.set(ma != null && mb != null ? String.format(Locale.ROOT,
                    "The models have %d and %d codebooks: their matrices cannot be subtracted.", ma.length, mb.length)
                    : "");
        }
    }

    /** B − A, entry by entry. */
    static double[][] differenceOf(double[][] a, double[][] b) {
        double[][] d = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            d[k] = new double[a[k].length];
            for (int l = 0; l < a[k].length; l++) {
                d[k][l] = b[k][l] - a[k][l];
            }
        }
        return d;
    }

    private void modelChanged(MusicModel m) {
        cancel();
        corpus.set(null);
        figuresA.set(null);
        figuresB.set(null);
        showMatrices();
        if (m == null) {
            validation.set(ValidationSet.unavailable("No model loaded."));
            if (source.get() == AudioSource.VALIDATION_SET) {
                source.set(AudioSource.SELECTED_CLIP);
            }
            return;
        }
        validation.set(ValidationSet.unavailable("Looking for this model's validation set…"));
        Path dir = m.folder();
        // not through begin(): a measurement started meanwhile must not cancel the search
        executor.execute(BackgroundTask.of("Finding the validation set",
                        context -> ValidationSet.locate(dir, m.config()))
                .onSuccess(vs -> {
                    if (model.getValue() == m) {
                        validation.set(vs);
                        if (!vs.available() && source.get() == AudioSource.VALIDATION_SET) {
                            source.set(AudioSource.SELECTED_CLIP);
                        }
                    }
                })
                .onFailure(e -> {
                    if (model.getValue() == m) {
                        validation.set(ValidationSet.unavailable("The validation set cannot be found: " + e.getMessage()));
                    }
                }));
        if (source.get() == AudioSource.SELECTED_CLIP && selectedClip.getValue() != null) {
            compute();
        }
    }

    private static String describe(CodesOfCorpus c, AudioSource from) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %d file%s, %,d frames", from.label(), c.files().size(),
                c.files().size() == 1 ? "" : "s", c.a().numFrames()));
        if (!c.skipped().isEmpty()) {
            s.append(String.format(Locale.ROOT, "; %d file%s skipped", c.skipped().size(),
                    c.skipped().size() == 1 ? "" : "s"));
        }
        return s.toString();
    }

}
