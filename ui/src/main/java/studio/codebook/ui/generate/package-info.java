/**
 * The Generate view: {@link studio.codebook.ui.generate.GenerateViewModel} (prompt with history, presets,
 * tempo and key worded in by {@link studio.codebook.ui.generate.PromptComposer}, sampling settings and seed,
 * variants, continuation, run with progress and cancel, export) and
 * {@link studio.codebook.ui.generate.GenerateView} with one card per variant.
 */
package studio.codebook.ui.generate;
