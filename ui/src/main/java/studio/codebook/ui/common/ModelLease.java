package studio.codebook.ui.common;

import studio.codebook.engine.model.MusicModel;

/**
 * A claim on a loaded model for the length of a piece of background work: while any lease is open, the
 * model's native memory is not freed, even if the user unloads it or picks another model meanwhile.
 * Close it when the work ends (try-with-resources).
 */
public interface ModelLease extends AutoCloseable {

    MusicModel model();

    /** Ends the claim; idempotent. */
    @Override
    void close();

    /**
     * A lease on a model its caller owns and frees itself (a test's model, one a view loaded for its own
     * use): closing it does nothing. Null stays null.
     */
    static ModelLease unowned(MusicModel model) {
        if (model == null) {
            return null;
        }
        return new ModelLease() {
            @Override
            public MusicModel model() {
                return model;
            }

            @Override
            public void close() {
            }
        };
    }
}
