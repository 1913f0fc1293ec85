package studio.codebook.ui.common;

import java.util.concurrent.CancellationException;

/** What a piece of background work sees of its task: progress reporting and the cancel flag. */
public interface TaskContext {

    /**
     * Reports progress; safe from any thread, cheap enough to call per step.
     *
     * @param fraction done, 0..1, or a negative value for "indeterminate"
     * @param message  a short line for the status bar ("step 120 of 500"), may be empty
     */
    void progress(double fraction, String message);

    /** True once the user (or the view model) asked the task to stop. */
    boolean isCancelled();

    /** Throws {@link CancellationException} when cancelled: call it between steps of long work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** A context that never cancels and ignores progress: for calling work directly (tests, CLI). */
    TaskContext NONE = new TaskContext() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
