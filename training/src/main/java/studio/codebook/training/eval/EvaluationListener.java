package studio.codebook.training.eval;

/** Follows an evaluation; called on the evaluating thread. */
public interface EvaluationListener {

    /** Does nothing. */
    EvaluationListener NONE = new EvaluationListener() {};

    /**
     * Progress within a phase.
     *
     * @param phase "encode", "reconstruct", "mmd" or "lm"
     * @param done units finished
     * @param total units in the phase
     */
    default void progress(String phase, int done, int total) {
    }
}
