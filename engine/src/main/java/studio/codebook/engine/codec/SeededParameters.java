package studio.codebook.engine.codec;

import java.util.Random;

/**
 * A block whose parameters can be re-drawn from a seeded {@link Random}, so that a model built with
 * the same configuration and seed has the same weights on every run and machine (DJL's own
 * initialisers draw from the engine's generator, which is not reproducible across engines).
 */
interface SeededParameters {
    // the values themselves come from studio.codebook.engine.init.SeededValues

    /** Overwrites every parameter (already initialised) with values drawn from {@code random}. */
    void resetParameters(Random random);
}
