package studio.codebook.ui.common;

/**
 * Runs {@link BackgroundTask}s. The one way view models start engine or training work, so the FX thread
 * never waits on it; tests use {@link CurrentThreadTaskExecutor} to make the same view models synchronous.
 */
public interface TaskExecutor extends AutoCloseable {

    <T> TaskHandle execute(BackgroundTask<T> task);

    /** Cancels running tasks and stops the worker threads. */
    @Override
    void close();
}
