package studio.codebook.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * Runs tasks on a small pool of daemon threads and delivers every callback on the FX thread. Progress
 * is coalesced: however often the work reports, at most one progress callback is queued at a time.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private final ExecutorService pool;

    /** @param threads worker threads (engine work is itself multi-threaded; 2 is plenty) */
    public FxTaskExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "studio-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Object[]> pendingProgress = new AtomicReference<>();
        TaskContext context = new TaskContext() {
            @Override
            public void progress(double fraction, String message) {
                Object[] update = {fraction, message == null ? "" : message};
                if (pendingProgress.getAndSet(update) == null) {
                    Platform.runLater(() -> {
                        Object[] latest = pendingProgress.getAndSet(null);
                        if (latest != null && !done.get()) {
                            task.progressed((Double) latest[0], (String) latest[1]);
                        }
                    });
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        pool.execute(() -> {
            Runnable outcome;
            try {
                T result = task.work().run(context);
                outcome = cancelled.get() ? task::cancelled : () -> task.succeeded(result);
            } catch (CancellationException e) {
                outcome = task::cancelled;
            } catch (Throwable e) {
                outcome = cancelled.get() ? task::cancelled : () -> task.failed(e);
            }
            Runnable last = outcome;
            Platform.runLater(() -> {
                try {
                    last.run();
                } finally {
                    done.set(true);
                    task.finished();
                }
            });
        });
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
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
