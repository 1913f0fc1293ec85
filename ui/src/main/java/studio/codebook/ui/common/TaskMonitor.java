package studio.codebook.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A {@link TaskExecutor} that also tells the status bar what runs: the title, progress and message of the
 * most recently started task still running, and a way to cancel it. Every task of the studio goes
 * through it; it hands the work on to the executor it wraps.
 *
 * <p>Its properties change on the thread that starts tasks and receives callbacks (the FX thread).
 */
public final class TaskMonitor implements TaskExecutor {

    private final TaskExecutor inner;
    private final List<Running> running = new ArrayList<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", "");

    public TaskMonitor(TaskExecutor inner) {
        this.inner = Objects.requireNonNull(inner);
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        Running entry = new Running(task.title());
        running.add(entry);
        show();
        Work<T> work = ctx -> task.work().run(new TaskContext() {
            @Override
            public void progress(double fraction, String text) {
                ctx.progress(fraction, text);
            }

            @Override
            public boolean isCancelled() {
                return entry.cancelled || ctx.isCancelled();
            }
        });
        BackgroundTask<T> watched = BackgroundTask.of(task.title(), work)
                .onProgress((f, m) -> {
                    entry.fraction = f;
                    entry.message = m;
                    if (top() == entry) {
                        show();
                    }
                    task.progressed(f, m);
                })
                .onSuccess(task::succeeded)
                .onFailure(e -> {
                    lastError.set(task.title() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    task.failed(e);
                })
                .onCancelled(task::cancelled)
                .onFinished(() -> {
                    running.remove(entry);
                    show();
                    task.finished();
                });
        entry.handle = inner.execute(watched);
        return entry.handle;
    }

    /** Cancels the task the status bar shows. */
    public void cancelShown() {
        Running top = top();
        if (top != null) {
            top.cancelled = true;
            if (top.handle != null) {
                top.handle.cancel();
            }
            top.message = "cancelling…";
            show();
        }
    }

    /** Title of the task shown (the most recent still running), or empty. */
    public ReadOnlyStringProperty title() {
        return title.getReadOnlyProperty();
    }

    /** Its last progress message. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** Its progress, 0..1, or negative for indeterminate. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** True while any task runs. */
    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** The last failure of any task, "title: message", for the status bar. */
    public ReadOnlyStringProperty lastError() {
        return lastError.getReadOnlyProperty();
    }

    @Override
    public void close() {
        inner.close();
    }

    private Running top() {
        return running.isEmpty() ? null : running.get(running.size() - 1);
    }

    private void show() {
        Running top = top();
        busy.set(top != null);
        if (top == null) {
            title.set("");
            message.set("");
            progress.set(0);
        } else {
            String more = running.size() > 1 ? " (+" + (running.size() - 1) + " more)" : "";
            title.set(top.title + more);
            message.set(top.message);
            progress.set(top.fraction);
        }
    }

    private static final class Running {
        final String title;
        double fraction = -1;
        String message = "";
        TaskHandle handle;
        volatile boolean cancelled;

        Running(String title) {
            this.title = title;
        }
    }
}
