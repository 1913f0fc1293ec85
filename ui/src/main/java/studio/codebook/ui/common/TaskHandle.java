package studio.codebook.ui.common;

/** A running (or finished) background task, as its starter sees it. */
public interface TaskHandle {

    /** Asks the work to stop; it notices at its next {@link TaskContext#checkCancelled()}. */
    void cancel();

    /** True once a final callback (success, failure or cancelled) has run. */
    boolean isDone();
}
