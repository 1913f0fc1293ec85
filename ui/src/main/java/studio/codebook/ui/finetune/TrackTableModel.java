package studio.codebook.ui.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.TaskExecutor;
import studio.codebook.ui.common.TaskHandle;

/**
 * The folder of tracks and its table: the scan in the background (with progress and cancel), a row per
 * track and per skipped file, and the user's caption edits, kept in the manifest training will use.
 *
 * <p>Why edits are not written as sidecars: the user's folder is only ever read (the training data
 * package promises it, and a musician's library is not the app's to change); an edit lives in this
 * manifest, which each run writes into its own run folder, and a later scan of the same folder passed the
 * edited manifest keeps the edits of unchanged tracks.
 */
public final class TrackTableModel {

    private final TaskExecutor executor;
    private final ObservableValue<Path> baseModelFolder;
    private final Supplier<Double> segmentSeconds;
    private final BooleanSupplier locked;
    private final BiConsumer<String, Boolean> messages;

    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ReadOnlyDoubleWrapper scanProgress = new ReadOnlyDoubleWrapper(this, "scanProgress");
    private final ReadOnlyObjectWrapper<LibraryScan> scan = new ReadOnlyObjectWrapper<>(this, "scan");
    private final ObservableList<TrackRow> tracks = FXCollections.observableArrayList();
    private final ObservableList<TrackRow> usableTracks = FXCollections.observableArrayList();
    // read-only views, made once: such a wrapper listens to its list weakly
    private final ObservableList<TrackRow> tracksView = FXCollections.unmodifiableObservableList(tracks);
    private final ObservableList<TrackRow> usableTracksView = FXCollections.unmodifiableObservableList(usableTracks);
    private Manifest manifest;
    private TaskHandle scanTask;

    /**
     * @param baseModelFolder whose sample rate the segments are cut at
     * @param segmentSeconds the segment length chosen in the settings, read when a scan starts
     * @param locked true while captions and the folder must not change (a run is going on)
     * @param messages receives (text, is an error) for the message line
     */
    TrackTableModel(TaskExecutor executor, ObservableValue<Path> baseModelFolder, Supplier<Double> segmentSeconds,
            BooleanSupplier locked, BiConsumer<String, Boolean> messages) {
        this.executor = Objects.requireNonNull(executor);
        this.baseModelFolder = Objects.requireNonNull(baseModelFolder);
        this.segmentSeconds = Objects.requireNonNull(segmentSeconds);
        this.locked = Objects.requireNonNull(locked);
        this.messages = Objects.requireNonNull(messages);
    }

    /**
     * Scans {@code libraryFolder} (only reading it) in the background: the table then lists every track and
     * every skipped file. Segments are cut as the codec phase will (the base model's rate, the segment length).
     */
    public void scan(Path libraryFolder) {
        Objects.requireNonNull(libraryFolder, "libraryFolder");
        if (locked.getAsBoolean()) {
            messages.accept("A fine-tune is running; cancel it before scanning another folder.", true);
            return;
        }
        cancelScan();
        folder.set(libraryFolder);
        scan.set(null);
        manifest = null;
        tracks.clear();
        usableTracks.clear();
        Path base = baseModelFolder.getValue();
        Double segment = segmentSeconds.get();
        scanning.set(true);
        scanProgress.set(-1);
        messages.accept("Scanning " + libraryFolder + " …", false);
        BackgroundTask<LibraryScan> task = BackgroundTask.<LibraryScan>of("Scanning " + libraryFolder.getFileName(),
                context -> {
                    int rate = base == null ? LibraryConfig.defaults().sampleRate()
                            : ModelFolder.readConfig(base).sampleRate();
                    LibraryConfig config = FineTuneSettings.library(rate, segment == null ? 1.0 : segment,
                            FineTuneSettingsModel.SEED);
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
                    messages.accept(text, false);
                })
                .onSuccess(this::show)
                .onFailure(e -> messages.accept("Cannot scan " + libraryFolder + ": "
                        + FineTuneViewModel.describe(e), true))
                .onCancelled(() -> messages.accept("Scan cancelled.", false))
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

    private void show(LibraryScan result) {
        manifest = result.manifest();
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
        long heldOut = manifest.tracks().stream().filter(t -> t.split() == Split.VALIDATION).count();
        String summary = String.format(Locale.ROOT, "%d tracks (%d held out for validation), %d files skipped.",
                manifest.tracks().size(), heldOut, manifest.skipped().size());
        if (manifest.tracks().isEmpty()) {
            messages.accept(summary + " Nothing to train on: see the reasons in the table.", true);
        } else {
            messages.accept(summary + " Captions can be edited; edits stay with the run, your folder is not changed.",
                    false);
        }
        scan.set(result);
    }

    /**
     * Replaces the caption of a usable track for training (the source becomes "edited"). The edit is kept in
     * the manifest; nothing is written into the user's folder.
     *
     * @return false (with a message) when the edit is refused: a blank caption, a skipped file, a run going on
     */
    public boolean editCaption(TrackRow row, String text) {
        if (manifest == null || !row.usable() || !tracks.contains(row)) {
            return false;
        }
        if (locked.getAsBoolean()) {
            messages.accept("Captions cannot change while a fine-tune runs.", true);
            return false;
        }
        if (text == null || text.isBlank()) {
            messages.accept(row.path() + ": a caption cannot be empty; the previous one is kept.", true);
            return false;
        }
        manifest = manifest.withCaption(row.path(), text);
        TrackEntry entry = manifest.track(row.path()).orElseThrow();
        row.setCaption(entry.caption().text(), entry.caption().source());
        return true;
    }

    /** The first held-out track, else the first usable one, else null: the comparison's default. */
    TrackRow heldOutTrack() {
        return usableTracks.stream().filter(r -> r.split() == Split.VALIDATION).findFirst()
                .orElse(usableTracks.isEmpty() ? null : usableTracks.get(0));
    }

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

    /** The last completed scan of {@link #folderProperty()}, or null. Its segments carry the scanned captions. */
    public ReadOnlyObjectProperty<LibraryScan> scanProperty() {
        return scan.getReadOnlyProperty();
    }

    /** The manifest training will use: the scan's, with the caption edits; null before a scan. */
    public Manifest manifest() {
        return manifest;
    }

    /** Every file of the scan: usable tracks and skipped files, by path. */
    public ObservableList<TrackRow> tracks() {
        return tracksView;
    }

    /** The usable tracks (for choosing the comparison's track). */
    public ObservableList<TrackRow> usableTracks() {
        return usableTracksView;
    }
}
