package studio.codebook.ui.inspect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import studio.codebook.engine.model.MusicModel;
import studio.codebook.engine.pattern.DelayPattern;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.ModelLease;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;
import studio.codebook.ui.common.LatestTask;
import studio.codebook.ui.controls.TimeSpan;
import studio.codebook.ui.controls.TokenGrid;

/**
 * State and actions of the Inspect view. A selected (or opened, or dropped) clip is encoded with the
 * current model in a background task; the view draws {@link #gridProperty()} (raw or delay layout) and the
 * usage of each codebook. Listening compares the original (A) with a decode from the first k codebooks (B),
 * over the selected span when there is one.
 */
public final class InspectViewModel {

    private final TaskExecutor executor;
    private final ObservableValue<MusicModel> model;
    private final ObservableValue<Path> selectedClip;
    private final Playback playback;

    private final ReadOnlyObjectWrapper<Path> clipFile = new ReadOnlyObjectWrapper<>(this, "clipFile");
    private final ReadOnlyObjectWrapper<EncodedClip> encoded = new ReadOnlyObjectWrapper<>(this, "encoded");
    private final ReadOnlyObjectWrapper<TokenGrid> grid = new ReadOnlyObjectWrapper<>(this, "grid");
    private final BooleanProperty delayLayout = new SimpleBooleanProperty(this, "delayLayout", false);
    private final ObjectProperty<TimeSpan> selection = new SimpleObjectProperty<>(this, "selection");
    private final IntegerProperty decodeCodebooks = new SimpleIntegerProperty(this, "decodeCodebooks", 1);
    private final ReadOnlyIntegerWrapper numCodebooks = new ReadOnlyIntegerWrapper(this, "numCodebooks", 0);
    private final ReadOnlyObjectWrapper<DecodedAudio> decoded = new ReadOnlyObjectWrapper<>(this, "decoded");
    private final ObjectProperty<Listening> listening = new SimpleObjectProperty<>(this, "listening",
            Listening.ORIGINAL);
    private final BooleanProperty loop = new SimpleBooleanProperty(this, "loop", false);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final LatestTask task = new LatestTask(this);

    private final ChangeListener<Path> clipListener = (obs, old, path) -> {
        if (path != null) {
            open(path);
        }
    };
    private final ChangeListener<MusicModel> modelListener = (obs, old, m) -> modelChanged(m);
    private final ChangeListener<Boolean> playbackListener = (obs, was, now) -> {
        if (!now) {
            playing.set(false);
        }
    };

    private Supplier<Optional<ModelLease>> leases;

    public InspectViewModel(TaskExecutor executor, ObservableValue<MusicModel> model,
            ObservableValue<Path> selectedClip, Playback playback) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.model = Objects.requireNonNull(model, "model");
        this.selectedClip = Objects.requireNonNull(selectedClip, "selectedClip");
        this.playback = Objects.requireNonNull(playback, "playback");
        this.leases = () -> Optional.ofNullable(ModelLease.unowned(model.getValue()));
        encoded.addListener((obs, old, clip) -> {
            numCodebooks.set(clip == null ? 0 : clip.numCodebooks());
            if (clip != null) {
                decodeCodebooks.set(Math.max(1, Math.min(decodeCodebooks.get(), clip.numCodebooks())));
            }
            decoded.set(null);
            selection.set(null);
            rebuildGrid();
        });
        delayLayout.addListener((obs, o, n) -> rebuildGrid());
        decodeCodebooks.addListener((obs, o, n) -> {
            DecodedAudio d = decoded.get();
            if (d != null && d.codebooks() != n.intValue()) {
                decoded.set(null);
            }
        });
        selectedClip.addListener(clipListener);
        model.addListener(modelListener);
        playback.playing().addListener(playbackListener);
        if (selectedClip.getValue() != null) {
            open(selectedClip.getValue());
        }
    }

    /**
     * Where encoding and decoding get their claim on the model (the application passes
     * {@code ModelService::lease}), so that unloading it never frees it under running work. Without this,
     * the model is used as given and its owner must keep it open.
     */
    public void setModelLeases(Supplier<Optional<ModelLease>> leases) {
        this.leases = Objects.requireNonNull(leases);
    }

    // ---- properties ----

    /** The clip shown (or being encoded). */
    public ReadOnlyObjectProperty<Path> clipFileProperty() {
        return clipFile.getReadOnlyProperty();
    }

    /** The encoded clip, or null before the first encode finishes. */
    public ReadOnlyObjectProperty<EncodedClip> encodedProperty() {
        return encoded.getReadOnlyProperty();
    }

    /** The token rows to draw: raw, or shifted as the delay pattern lays them out. */
    public ReadOnlyObjectProperty<TokenGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** Show codebook k shifted by k frames, as the delay pattern lays the codes out for the LM. */
    public BooleanProperty delayLayoutProperty() {
        return delayLayout;
    }

    /** The selected span (seconds) that listening plays; null plays the whole clip. */
    public ObjectProperty<TimeSpan> selectionProperty() {
        return selection;
    }

    /** k, the codebooks the B side is decoded from (1..K). */
    public IntegerProperty decodeCodebooksProperty() {
        return decodeCodebooks;
    }

    /** K of the clip shown (0 when none). */
    public ReadOnlyIntegerProperty numCodebooksProperty() {
        return numCodebooks.getReadOnlyProperty();
    }

    /** The last decode from the first k codebooks, or null. */
    public ReadOnlyObjectProperty<DecodedAudio> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** A or B: what {@link #play()} plays. */
    public ObjectProperty<Listening> listeningProperty() {
        return listening;
    }

    /** Loop the selection (or the clip) while playing. */
    public BooleanProperty loopProperty() {
        return loop;
    }

    /** True while audio started here plays. */
    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** The playhead in seconds while audio started here plays (else the playback's last position). */
    public ReadOnlyDoubleProperty playbackPositionProperty() {
        return playback.position();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return task.busyProperty();
    }

    /** 0..1, or negative while the length of the work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return task.progressProperty();
    }

    /** A line about what is happening or what was found. */
    public ReadOnlyStringProperty statusProperty() {
        return task.statusProperty();
    }

    /** The last failure in words, empty when the last action worked. */
    public ReadOnlyStringProperty errorProperty() {
        return task.errorProperty();
    }

    /** Whether audio can be played at all; see {@link #playbackNotice()}. */
    public boolean playbackAvailable() {
        return playback.available();
    }

    /** Why nothing can be heard, or empty. */
    public String playbackNotice() {
        return playback.available() ? "" : "No audio output: " + playback.unavailableReason()
                + ". Codes, statistics and decodes still work.";
    }

    /** The drawn grid as ids, −1 in empty slots (what the rows show). */
    public int[][] rows() {
        TokenGrid g = grid.get();
        return g == null ? new int[0][] : g.cells();
    }

    // ---- actions ----

    /** Encodes {@code file} with the current model, replacing the clip shown. */
    public void open(Path file) {
        Objects.requireNonNull(file, "file");
        clipFile.set(file);
        encode(file);
    }

    /** Stops the running task; the last result stays. */
    public void cancel() {
        task.cancel();
    }

    /** Plays the current side (A or B) over the selection, or the whole clip. */
    public void play() {
        if (listening.get() == Listening.DECODED) {
            listenDecoded();
        } else {
            listenOriginal();
        }
    }

    /** A: plays the original audio over the selection (or the whole clip). */
    public void listenOriginal() {
        EncodedClip clip = encoded.get();
        if (clip == null) {
            return;
        }
        listening.set(Listening.ORIGINAL);
        start(clip.original(), clip.originalRate(), startSeconds(), endSeconds(clip.durationSeconds()));
    }

    /** B: decodes from the first k codebooks (unless already decoded) and plays it over the selection. */
    public void listenDecoded() {
        listening.set(Listening.DECODED);
        withDecoded(d -> start(d.samples(), d.sampleRate(), startSeconds(), endSeconds(d.durationSeconds())));
    }

    /**
     * Switches between A and B. While playing, the other side continues from the same position, so the two
     * can be compared on the same bar of music.
     */
    public void switchAB() {
        Listening next = listening.get() == Listening.ORIGINAL ? Listening.DECODED : Listening.ORIGINAL;
        if (!playing.get()) {
            listening.set(next);
            return;
        }
        double at = playback.position().get();
        double from = Double.isFinite(at) && at >= startSeconds() ? at : startSeconds();
        if (next == Listening.ORIGINAL) {
            EncodedClip clip = encoded.get();
            listening.set(Listening.ORIGINAL);
            start(clip.original(), clip.originalRate(), from, endSeconds(clip.durationSeconds()));
        } else {
            listening.set(Listening.DECODED);
            withDecoded(d -> start(d.samples(), d.sampleRate(), from, endSeconds(d.durationSeconds())));
        }
    }

    /** Decodes from the first k codebooks without playing (the result appears in {@link #decodedProperty()}). */
    public void decode() {
        withDecoded(d -> { });
    }

    public void stop() {
        playback.stop();
        playing.set(false);
    }

    /** Detaches from the shared observables; call when the view is thrown away. */
    public void dispose() {
        cancel();
        selectedClip.removeListener(clipListener);
        model.removeListener(modelListener);
        playback.playing().removeListener(playbackListener);
    }

    // ---- internals ----

    private void modelChanged(MusicModel m) {
        Path file = clipFile.get();
        if (m != null && file != null) {
            encode(file);
        } else if (m == null) {
            cancel();
            encoded.set(null);
            task.setStatus("No model loaded: choose a model to inspect clips.");
        }
    }

    private void encode(Path file) {
        if (!Files.isRegularFile(file)) {
            task.setError(file.getFileName() + ": no such file");
            return;
        }
        ModelLease lease = leases.get().orElse(null);
        if (lease == null) {
            task.setError("");
            task.setStatus("No model loaded: choose a model to inspect " + file.getFileName() + ".");
            return;
        }
        long mine = task.begin();
        task.started(executor.execute(BackgroundTask.of("Encoding " + file.getFileName(), context -> {
                    try (lease) {
                        return ClipEncoder.encode(lease.model(), file, context);
                    }
                })
                .onProgress((f, msg) -> task.progressed(mine, f, msg))
                .onSuccess(clip -> {
                    if (task.isCurrent(mine)) {
                        encoded.set(clip);
                        task.setStatus(String.format(java.util.Locale.ROOT, "%s: %d codebooks × %d frames (%.2f s) by %s",
                                file.getFileName(), clip.numCodebooks(), clip.numFrames(), clip.durationSeconds(),
                                clip.modelId()));
                    }
                })
                .onFailure(e -> task.failed(mine, e))
                .onCancelled(() -> task.cancelled(mine, "Encoding cancelled"))
                .onFinished(() -> task.finished(mine))));
    }

    private void withDecoded(java.util.function.Consumer<DecodedAudio> then) {
        EncodedClip clip = encoded.get();
        if (clip == null || model.getValue() == null) {
            return;
        }
        int k = Math.max(1, Math.min(decodeCodebooks.get(), clip.numCodebooks()));
        DecodedAudio have = decoded.get();
        if (have != null && have.codebooks() == k) {
            then.accept(have);
            return;
        }
        ModelLease lease = leases.get().orElse(null);
        if (lease == null) {
            return;
        }
        long mine = task.begin();
        task.started(executor.execute(BackgroundTask.of("Decoding with " + k + " codebooks", context -> {
                    try (lease) {
                        return ClipEncoder.decodeFirst(lease.model(), clip, k, context);
                    }
                })
                .onProgress((f, msg) -> task.progressed(mine, f, msg))
                .onSuccess(d -> {
                    if (task.isCurrent(mine) && encoded.get() == clip) {
                        decoded.set(d);
                        task.setStatus("Decoded from the first " + k + " of " + clip.numCodebooks() + " codebooks");
                        then.accept(d);
                    }
                })
                .onFailure(e -> task.failed(mine, e))
                .onCancelled(() -> task.cancelled(mine, "Decoding cancelled"))
                .onFinished(() -> task.finished(mine))));
    }

    private void rebuildGrid() {
        EncodedClip clip = encoded.get();
        if (clip == null) {
            grid.set(null);
            return;
        }
        int k = clip.numCodebooks();
        int[] shifts = new int[k];
        if (delayLayout.get()) {
            DelayPattern pattern = new DelayPattern(k);
            for (int q = 0; q < k; q++) {
                // step 0 is the BOS; frame 0 of codebook q sits at step 1 + q
                shifts[q] = pattern.stepOf(0, q) - 1;
            }
        }
        grid.set(new TokenGrid(clip.codes(), shifts, clip.codebookSize(), clip.frameRate()));
    }

    private double startSeconds() {
        TimeSpan s = selection.get();
        return s == null ? 0 : s.start();
    }

    private double endSeconds(double duration) {
        TimeSpan s = selection.get();
        return s == null || s.length() <= 0 ? duration : Math.min(duration, s.end());
    }

    private void start(float[] samples, int rate, double from, double to) {
        if (!playback.available()) {
            task.setStatus(playbackNotice());
            return;
        }
        playback.play(samples, rate, from, to, loop.get());
        playing.set(true);
    }
}
