package studio.codebook.ui.finetune;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import studio.codebook.training.data.LibraryConfig;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;

/**
 * The before/after A/B once a fine-tune created a model: a track of the table (the held-out one by
 * default) reconstructed by the base and by the new model in the background ({@link BeforeAfterComparison}),
 * their SI-SNR and mel distance, and playback of the original, the before and the after.
 */
public final class BeforeAfterViewModel {

    private final TaskExecutor executor;
    private final Playback playback;
    private final ObjectProperty<TrackRow> track = new SimpleObjectProperty<>(this, "track");
    private final ReadOnlyObjectWrapper<Path> newModel = new ReadOnlyObjectWrapper<>(this, "newModel");
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper(this, "comparing");
    private final ReadOnlyObjectWrapper<BeforeAfter> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private Path baseModel;
    private Path libraryFolder;
    private LibraryConfig loudness;

    BeforeAfterViewModel(TaskExecutor executor, Playback playback) {
        this.executor = Objects.requireNonNull(executor);
        this.playback = Objects.requireNonNull(playback);
    }

    /** A fine-tune of {@code base} created {@code created}; tracks are read from {@code folder}. */
    void modelsReady(Path base, Path created, Path folder, LibraryConfig trainingLoudness) {
        baseModel = base;
        libraryFolder = folder;
        loudness = trainingLoudness;
        newModel.set(created);
    }

    /** Forgets the models and the last comparison (a new run starts). */
    void reset() {
        newModel.set(null);
        result.set(null);
        text.set("");
    }

    /** Reconstructs the chosen track with both models, in the background. */
    public void compare() {
        TrackRow row = track.get();
        Path created = newModel.get();
        if (created == null) {
            text.set("Fine-tune a model first; the comparison uses the model it creates.");
            return;
        }
        if (row == null || !row.usable()) {
            text.set("Choose a track to compare.");
            return;
        }
        if (comparing.get()) {
            return;
        }
        comparing.set(true);
        result.set(null);
        text.set("Reconstructing " + row.path() + " …");
        BeforeAfterComparison work = new BeforeAfterComparison(baseModel, created, libraryFolder.resolve(row.path()),
                row.path(), loudness);
        executor.execute(BackgroundTask.of("Comparing " + row.path(), work)
                .onProgress((fraction, message) -> text.set(message))
                .onSuccess(r -> {
                    result.set(r);
                    text.set(String.format(Locale.ROOT, "%s (first %.1f s): before SI-SNR %.2f dB, mel distance"
                            + " %.3f · after SI-SNR %.2f dB, mel distance %.3f", r.track(), r.seconds(),
                            r.siSnrBefore(), r.melBefore(), r.siSnrAfter(), r.melAfter()));
                })
                .onFailure(e -> text.set("Comparison failed: " + FineTuneViewModel.describe(e)))
                .onCancelled(() -> text.set("Comparison cancelled."))
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

    public void stop() {
        if (playback.available()) {
            playback.stop();
        }
    }

    private void play(Function<BeforeAfter, float[]> which) {
        BeforeAfter r = result.get();
        if (r == null) {
            return;
        }
        if (!playback.available()) {
            text.set("No audio output: " + playback.unavailableReason());
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

    /** The track to compare; the scan sets the held-out one. */
    public ObjectProperty<TrackRow> trackProperty() {
        return track;
    }

    /** The model the last run created, or null: comparing needs one. */
    public ReadOnlyObjectProperty<Path> newModelProperty() {
        return newModel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    /** The last comparison, or null. */
    public ReadOnlyObjectProperty<BeforeAfter> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The comparison's figures, or what it is doing, or why it cannot. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
