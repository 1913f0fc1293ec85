package studio.codebook.ui.common;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A unit of engine or training work with its callbacks, in the JabRef style: the view model builds it,
 * a {@link TaskExecutor} runs it. The work runs off the FX thread; every callback runs on the FX thread
 * ({@link FxTaskExecutor}) or on the caller's thread ({@link CurrentThreadTaskExecutor}, for tests), so
 * callbacks may touch JavaFX properties directly.
 *
 * <p>Exactly one of onSuccess, onFailure and onCancelled is called, then onFinished.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<? super Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };
    private BiConsumer<Double, String> onProgress = (f, m) -> { };

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** A task named {@code title} (shown in the status bar) that runs {@code work}. */
    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    /** Called with the exception the work threw (never a cancellation). */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Called last, whatever the outcome: reset "busy" flags here. */
    public BackgroundTask<T> onFinished(Runnable callback) {
        this.onFinished = Objects.requireNonNull(callback);
        return this;
    }

    /** Progress as (fraction 0..1 or negative for indeterminate, message), coalesced on the FX thread. */
    public BackgroundTask<T> onProgress(BiConsumer<Double, String> callback) {
        this.onProgress = Objects.requireNonNull(callback);
        return this;
    }

    public String title() {
        return title;
    }

    Work<T> work() {
        return work;
    }

    void succeeded(T result) {
        onSuccess.accept(result);
    }

    void failed(Throwable error) {
        onFailure.accept(error);
    }

    void cancelled() {
        onCancelled.run();
    }

    void finished() {
        onFinished.run();
    }

    void progressed(double fraction, String message) {
        onProgress.accept(fraction, message);
    }
}
