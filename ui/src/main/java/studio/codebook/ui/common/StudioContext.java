package studio.codebook.ui.common;

import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import studio.codebook.ui.library.ClipLibrary;

/**
 * What every view model receives: the task executor (with the status bar's monitor), the settings, the
 * model service, audio output, the clip library, and the clip selected in Generate or Library (which
 * Inspect and Dependence work on).
 *
 * @param tasks runs all background work; its properties feed the status bar
 * @param settings the persisted settings and the data folders
 * @param models the model selector and the loaded model
 * @param playback audio output (check {@link Playback#available()})
 * @param library the generated clips
 * @param selectedClip the WAV file selected in Generate or Library, or null
 */
public record StudioContext(
        TaskMonitor tasks,
        SettingsStore settings,
        ModelService models,
        Playback playback,
        ClipLibrary library,
        ObjectProperty<Path> selectedClip) implements AutoCloseable {

    public StudioContext {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(playback, "playback");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(selectedClip, "selectedClip");
    }

    /**
     * The usual wiring: tasks through a monitor over {@code executor}, models and clips in the settings'
     * data folder, the bundled model, the device the settings ask for.
     */
    public static StudioContext create(SettingsStore settings, TaskExecutor executor, Playback playback) {
        TaskMonitor monitor = executor instanceof TaskMonitor m ? m : new TaskMonitor(executor);
        return new StudioContext(monitor, settings, ModelService.forSettings(monitor, settings), playback,
                new ClipLibrary(settings.clipsFolder()), new SimpleObjectProperty<>(null, "selectedClip"));
    }

    /** Unloads the model, stops playback and the worker threads. */
    @Override
    public void close() {
        models.close();
        playback.stop();
        if (playback instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing on exit: nothing left to tell
            }
        }
        tasks.close();
    }
}
