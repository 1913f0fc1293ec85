package studio.codebook.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs each task to its end on the calling thread, callbacks included: view-model tests become
 * deterministic and need no FX thread. {@link #cancelNext()} lets a test exercise the cancel path.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private volatile boolean cancelNext;

    /** The next task's context reports cancelled from its start. */
    public void cancelNext() {
        cancelNext = true;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        AtomicBoolean cancelled = new AtomicBoolean(cancelNext);
        cancelNext = false;
        AtomicBoolean done = new AtomicBoolean();
        TaskContext context = new TaskContext() {
            @Override
            public void progress(double fraction, String message) {
                task.progressed(fraction, message == null ? "" : message);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        try {
            T result = task.work().run(context);
            if (cancelled.get()) {
                task.cancelled();
            } else {
                task.succeeded(result);
            }
        } catch (CancellationException e) {
            task.cancelled();
        } catch (Throwable e) {
            if (cancelled.get()) {
                task.cancelled();
            } else {
                task.failed(e);
            }
        } finally {
            done.set(true);
            task.finished();
        }
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    @Override
    public void close() {
    }
}
