/**
 * Training loops: {@link studio.codebook.training.train.CodecTrainer} (reconstruction + commitment + λ · the
 * independence loss on macro-batches), {@link studio.codebook.training.train.LmTrainer} (cross-entropy per
 * codebook under the model's pattern, condition dropout for classifier-free guidance), and
 * {@link studio.codebook.training.train.TrainingRun}, which drives either on a background thread with
 * pause/resume/cancel, progress events, {@code metrics.jsonl}, and checkpoints written so that a crash at any
 * moment leaves the previous one loadable.
 *
 * <p>Every step is guarded: the loss and the global gradient norm are read back once, and a step where either
 * is not finite changes nothing (weights, optimiser state, quantizer EMA state) and is counted as skipped
 * (DEPENDENCIES.md: oneDNN's conv backward returns NaN now and then).
 */
package studio.codebook.training.train;
