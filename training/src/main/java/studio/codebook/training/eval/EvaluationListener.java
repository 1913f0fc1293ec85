package studio.codebook.training.eval;

/** Follows an evaluation; called on the evaluating thread. */
@FunctionalInterface
public interface EvaluationListener {

    /** Does nothing. */
    EvaluationListener NONE = (phase, done, total) -> { };

    /**
     * Progress within a phase.
     *
     * @param phase "encode", "reconstruct", "mmd" or "lm"
     * @param done units finished
     * @param total units in the phase
     */
    void progress(String phase, int done, int total);
}
