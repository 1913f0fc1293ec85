/**
 * Reproducible initial weights: values drawn from a seeded {@link java.util.Random}, so that a network
 * built from the same configuration and seed has the same weights on every run, machine and engine
 * version (DJL's own initialisers draw from the engine's generator).
 */
package studio.codebook.engine.init;
