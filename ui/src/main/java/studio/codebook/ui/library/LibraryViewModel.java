package studio.codebook.ui.library;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import studio.codebook.engine.audio.AudioClip;
import studio.codebook.engine.audio.AudioReader;
import studio.codebook.engine.generate.ClipRecord;
import studio.codebook.ui.common.BackgroundTask;
import studio.codebook.ui.common.Playback;
import studio.codebook.ui.common.TaskExecutor;

/**
 * The Library view's state: every clip, the search text and filters, the selection (which becomes the
 * studio's selected clip), and the actions on a clip. All file work runs in background tasks.
 */
public final class LibraryViewModel {

    /** The model filter's "no filter" choice. */
    public static final String ALL_MODELS = "All models";

    private final ClipLibrary library;
    private final TaskExecutor tasks;
    private final Playback playback;
    private final ObjectProperty<Path> selectedClip;
    private final Consumer<ClipRecord> regenerate;

    private final ObservableList<LibraryClip> clips = FXCollections.observableArrayList();
    private final FilteredList<LibraryClip> shown = new FilteredList<>(clips, c -> true);
    private final ObservableList<String> models = FXCollections.observableArrayList(ALL_MODELS);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<String> model = new SimpleObjectProperty<>(this, "model", ALL_MODELS);
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final ObjectProperty<LibraryClip> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper playingFile = new ReadOnlyStringWrapper(this, "playingFile", "");
    private final BooleanBinding selectedIsPlaying;

    /**
     * @param library the clips
     * @param tasks runs file work
     * @param playback plays a clip
     * @param selectedClip set to the selected clip's WAV
     * @param regenerate called with a clip's record to make it again (the shell switches to Generate)
     * @param uiThread where the library's change notices are handled (Platform::runLater; tests Runnable::run)
     */
    public LibraryViewModel(ClipLibrary library, TaskExecutor tasks, Playback playback,
            ObjectProperty<Path> selectedClip, Consumer<ClipRecord> regenerate, Executor uiThread) {
        this.library = Objects.requireNonNull(library);
        this.tasks = Objects.requireNonNull(tasks);
        this.playback = Objects.requireNonNull(playback);
        this.selectedClip = Objects.requireNonNull(selectedClip);
        this.regenerate = Objects.requireNonNull(regenerate);
        search.addListener((o, a, b) -> applyFilter());
        model.addListener((o, a, b) -> applyFilter());
        from.addListener((o, a, b) -> applyFilter());
        to.addListener((o, a, b) -> applyFilter());
        selected.addListener((o, a, b) -> {
            if (b != null) {
                selectedClip.set(b.wav());
            }
        });
        library.addListener(path -> uiThread.execute(this::refresh));
        selectedIsPlaying = Bindings.createBooleanBinding(() -> playback.playing().get() && selected.get() != null
                && selected.get().wav().toString().equals(playingFile.get()), playback.playing(), selected, playingFile);
    }

    /** Re-reads the library folder in the background. */
    public void refresh() {
        busy.set(true);
        Path keep = selected.get() == null ? null : selected.get().wav();
        tasks.execute(BackgroundTask.of("Reading the library", ctx -> library.list())
                .onSuccess(list -> {
                    clips.setAll(list);
                    TreeSet<String> ids = new TreeSet<>();
                    list.forEach(c -> {
                        if (!c.modelId().isEmpty()) {
                            ids.add(c.modelId());
                        }
                    });
                    String chosen = model.get();
                    models.setAll(ALL_MODELS);
                    models.addAll(ids);
                    model.set(models.contains(chosen) ? chosen : ALL_MODELS);
                    selected.set(keep == null ? null
                            : list.stream().filter(c -> c.wav().equals(keep)).findFirst().orElse(null));
                    long warnings = list.stream().filter(c -> c.warning() != null).count();
                    message.set(list.size() + (list.size() == 1 ? " clip" : " clips") + " in " + library.folder()
                            + (warnings == 0 ? "" : " · " + warnings + " with an unreadable or missing sidecar"));
                })
                .onFailure(e -> message.set("Could not read the library: " + e.getMessage()))
                .onFinished(() -> busy.set(false)));
    }

    /** Plays the clip (reading the WAV in the background), or pauses it when it is the one playing. */
    public void play(LibraryClip clip) {
        if (clip == null) {
            return;
        }
        if (!playback.available()) {
            message.set(playback.unavailableReason());
            return;
        }
        if (clip.wav().toString().equals(playingFile.get()) && playback.playing().get()) {
            playback.pause();
            return;
        }
        tasks.execute(BackgroundTask.of("Reading " + clip.wav().getFileName(), ctx -> AudioReader.read(clip.wav()))
                .onSuccess((AudioClip audio) -> {
                    playingFile.set(clip.wav().toString());
                    playback.play(audio.monoSamples(), audio.sampleRate(), 0, audio.durationSeconds(), false);
                })
                .onFailure(e -> message.set("Could not play " + clip.wav().getFileName() + ": " + e.getMessage())));
    }

    /** Hands the clip's settings to Generate; a clip without a readable sidecar cannot be made again. */
    public boolean regenerate(LibraryClip clip) {
        if (clip == null) {
            return false;
        }
        if (clip.record() == null || clip.record().params() == null) {
            message.set(clip.wav().getFileName() + " cannot be regenerated: " + clip.warning());
            return false;
        }
        regenerate.accept(clip.record());
        return true;
    }

    /** Shows the clip in the file manager (in the background). */
    public void reveal(LibraryClip clip) {
        if (clip == null) {
            return;
        }
        tasks.execute(BackgroundTask.of("Opening the file manager", ctx -> {
            FolderReveal.reveal(clip.wav());
            return null;
        }).onFailure(e -> message.set(e.getMessage())));
    }

    /** Deletes the clip's WAV and sidecar (the view asks for confirmation first). */
    public void delete(LibraryClip clip) {
        if (clip == null) {
            return;
        }
        if (clip.wav().toString().equals(playingFile.get())) {
            playback.stop();
        }
        tasks.execute(BackgroundTask.of("Deleting " + clip.wav().getFileName(), ctx -> {
            library.delete(clip);
            return null;
        }).onSuccess(v -> {
            clips.remove(clip);
            if (clip.wav().equals(selectedClip.get())) {
                selectedClip.set(null);
            }
            message.set("Deleted " + clip.wav().getFileName());
        }).onFailure(e -> message.set("Could not delete " + clip.wav().getFileName() + ": " + e.getMessage())));
    }

    private void applyFilter() {
        String m = model.get();
        ClipQuery query = new ClipQuery(search.get(), m == null || ALL_MODELS.equals(m) ? null : m, from.get(),
                to.get());
        shown.setPredicate(query::matches);
    }

    /** The clips that pass the search and filters, newest first. */
    public ObservableList<LibraryClip> shown() {
        return shown;
    }

    /** Every clip, newest first. */
    public List<LibraryClip> all() {
        return List.copyOf(clips);
    }

    /** The model filter's choices: {@link #ALL_MODELS} and each model id present. */
    public ObservableList<String> models() {
        return models;
    }

    public StringProperty search() {
        return search;
    }

    public ObjectProperty<String> model() {
        return model;
    }

    public ObjectProperty<LocalDate> from() {
        return from;
    }

    public ObjectProperty<LocalDate> to() {
        return to;
    }

    public ObjectProperty<LibraryClip> selected() {
        return selected;
    }

    /** A line for the view: counts, warnings, errors. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** True while the selected clip is the one playing (the Play button then pauses). */
    public BooleanBinding selectedIsPlaying() {
        return selectedIsPlaying;
    }

    public boolean playbackAvailable() {
        return playback.available();
    }
}
