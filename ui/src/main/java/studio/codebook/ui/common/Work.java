package studio.codebook.ui.common;

/** The body of a background task: runs off the FX thread, reports through its context. */
@FunctionalInterface
public interface Work<T> {
    T run(TaskContext context) throws Exception;
}
