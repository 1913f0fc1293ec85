/**
 * Evaluation of a trained model on held-out audio (METHOD.md, "Measuring dependence" and "What we must
 * show at our scale"): the codec's reconstruction quality against the number of codebooks used
 * ({@link studio.codebook.training.eval.CodecEvaluation}: SI-SNR, mel distance), the usage and dependence
 * of its codes (the engine's {@code CodeStatistics}: entropy, MI matrices, total correlation), the
 * independence loss's MMD² on held-out latents, and the language model's negative log-likelihood per
 * codebook under its pattern ({@link studio.codebook.training.eval.LmEvaluation}); all combined in an
 * {@link studio.codebook.training.eval.EvaluationReport}. Nothing here computes gradients or changes a
 * model.
 */
package studio.codebook.training.eval;
