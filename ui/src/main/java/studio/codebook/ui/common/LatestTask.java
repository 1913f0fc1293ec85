package studio.codebook.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one-task-at-a-time state a view model shows: busy, progress, status and error, where a new task
 * cancels the previous one and only the latest task's callbacks change anything (a late callback of a
 * cancelled task is ignored). Call it on the FX thread, like the callbacks it serves.
 *
 * <pre>{@code
 * long mine = task.begin();
 * task.started(executor.execute(BackgroundTask.of(..., work)
 *         .onProgress((f, m) -> task.progressed(mine, f, m))
 *         .onFailure(e -> task.failed(mine, e))
 *         .onCancelled(() -> task.cancelled(mine, "Cancelled"))
 *         .onFinished(() -> task.finished(mine))));
 * }</pre>
 */
public final class LatestTask {

    private final ReadOnlyBooleanWrapper busy;
    private final ReadOnlyDoubleWrapper progress;
    private final ReadOnlyStringWrapper status;
    private final ReadOnlyStringWrapper error;
    private TaskHandle running;
    private long generation;

    /** @param bean the view model owning the properties */
    public LatestTask(Object bean) {
        busy = new ReadOnlyBooleanWrapper(bean, "busy");
        progress = new ReadOnlyDoubleWrapper(bean, "progress", 0);
        status = new ReadOnlyStringWrapper(bean, "status", "");
        error = new ReadOnlyStringWrapper(bean, "error", "");
    }

    /** Cancels the running task and starts a new generation: busy, indeterminate progress, no error. */
    public long begin() {
        cancel();
        long mine = ++generation;
        busy.set(true);
        progress.set(-1);
        error.set("");
        return mine;
    }

    /** Remembers the handle of the task of the current generation, for {@link #cancel()}. */
    public void started(TaskHandle handle) {
        running = handle;
    }

    /** True while {@code mine} is the latest generation: only then may its results be shown. */
    public boolean isCurrent(long mine) {
        return mine == generation;
    }

    public void progressed(long mine, double fraction, String message) {
        if (mine == generation) {
            progress.set(fraction);
            if (!message.isEmpty()) {
                status.set(message);
            }
        }
    }

    public void failed(long mine, Throwable e) {
        if (mine == generation) {
            String m = e.getMessage();
            error.set(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
        }
    }

    public void cancelled(long mine, String message) {
        if (mine == generation) {
            status.set(message);
        }
    }

    public void finished(long mine) {
        if (mine == generation) {
            busy.set(false);
            progress.set(0);
            running = null;
        }
    }

    /** Asks the running task, if any, to stop. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    public void setStatus(String text) {
        status.set(text);
    }

    public void setError(String text) {
        error.set(text);
    }

    public String status() {
        return status.get();
    }

    public String error() {
        return error.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
