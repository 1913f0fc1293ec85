/**
 * The Generate view: {@link studio.codebook.ui.generate.GenerateViewModel} runs generation (blocked reason,
 * progress, cancel, variants, playback and export) over its parts: the
 * {@link studio.codebook.ui.generate.PromptDraft} (prompt with history, presets, tempo and key worded in by
 * {@link studio.codebook.ui.generate.PromptComposer}), the {@link studio.codebook.ui.generate.SamplingSettings}
 * (sampling and seed) and the {@link studio.codebook.ui.generate.Continuation} (audio to carry on from);
 * {@link studio.codebook.ui.generate.GenerationRun} is one run's off-thread work.
 * {@link studio.codebook.ui.generate.GenerateView} shows it with one card per variant.
 */
package studio.codebook.ui.generate;
